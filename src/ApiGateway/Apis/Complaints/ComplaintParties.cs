using GrainMarket.ApiGateway.ReadModels;
using GrainMarket.Catalog;
using GrainMarket.Common;
using GrainMarket.Complaints;
using GrainMarket.Orders;
using Npgsql;
using Orleans;

namespace GrainMarket.ApiGateway.Apis.Complaints;

/// <summary>
/// Who may complain about what, and who the other party is: an order's buyer about its seller (the one named by
/// <c>sellerId</c> when it has several), a seller of an order about its buyer, a buyer about a seller they ordered from,
/// a seller about a buyer who ordered from them, anyone about a product listing but its seller (the other party), the
/// seller of an ad engagement about its advertiser and the advertiser about the seller. A
/// subject the complainant has no such tie to is not found, so a stranger's ids reveal nothing; nobody complains about
/// themselves. The answer is the other party and whether they are the seller of the subject (a complaint an admin may
/// uphold with a penalty on their points).
/// </summary>
internal static class ComplaintParties
{
    public static async Task<Result<(Guid Id, bool Sells)>> OtherPartyAsync(IGrainFactory grains, NpgsqlDataSource readModels, Guid userId, CreateComplaintRequest request, CancellationToken cancellationToken)
    {
        var subjectId = request.SubjectId!.Value;
        Result<(Guid Id, bool Sells)> other = request.Subject switch
        {
            ComplaintSubjects.Order => await OfOrderAsync(grains, userId, subjectId, request.SellerId),
            ComplaintSubjects.Product => await grains.GetGrain<IProductGrain>(subjectId).GetAsync() is { } product
                ? (product.SellerId, true)
                : new DomainError(ErrorCodes.ProductNotFound, "No product has that id.", "subjectId"),
            ComplaintSubjects.AdEngagement => await OfAdEngagementAsync(readModels, userId, subjectId, cancellationToken),
            ComplaintSubjects.Seller => subjectId != userId && await ComplaintQueries.HaveTradedAsync(readModels, buyerId: userId, sellerId: subjectId, cancellationToken)
                ? (subjectId, true)
                : Untraded(subjectId, userId, "seller you ordered from"),
            _ => subjectId != userId && await ComplaintQueries.HaveTradedAsync(readModels, buyerId: subjectId, sellerId: userId, cancellationToken)
                ? (subjectId, false)
                : Untraded(subjectId, userId, "buyer who ordered from you"),
        };
        return other.Error is null && other.Value.Id == userId ? SelfComplaint() : other;
    }

    private static async Task<Result<(Guid Id, bool Sells)>> OfOrderAsync(IGrainFactory grains, Guid userId, Guid orderId, Guid? sellerId)
    {
        if (await grains.GetGrain<IOrderGrain>(orderId).GetAsync() is not { } order || !(order.BuyerId == userId || order.SellerIds.Contains(userId)))
        {
            return new DomainError(ErrorCodes.OrderNotFound, "No order of yours has that id.", "subjectId");
        }

        if (order.BuyerId != userId)
        {
            return sellerId is null ? (order.BuyerId, false) : DomainError.Invalid("sellerId", "is for the buyer's complaint about one of the order's sellers");
        }

        var sellers = order.SellerIds.ToList();
        if (sellerId is { } named)
        {
            return sellers.Contains(named) ? (named, true) : DomainError.Invalid("sellerId", "must be a seller of the order");
        }

        return sellers.Count == 1 ? (sellers[0], true) : DomainError.Invalid("sellerId", "is required: the order has several sellers; name the one the complaint is about");
    }

    /// <summary>An ad engagement's seller complains about its advertiser, the advertiser about the seller (who then may lose points).</summary>
    private static async Task<Result<(Guid Id, bool Sells)>> OfAdEngagementAsync(NpgsqlDataSource readModels, Guid userId, Guid engagementId, CancellationToken cancellationToken) =>
        await AdQueries.PartiesAsync(readModels, engagementId, cancellationToken) switch
        {
            { } parties when parties.SellerId == userId => (parties.AdvertiserId, false),
            { } parties when parties.AdvertiserId == userId => (parties.SellerId, true),
            _ => new DomainError(ErrorCodes.AdEngagementNotFound, "No ad engagement of yours has that id.", "subjectId"),
        };

    private static DomainError Untraded(Guid subjectId, Guid userId, string what) =>
        subjectId == userId ? SelfComplaint() : new DomainError(ErrorCodes.UserNotFound, $"No {what} has that id.", "subjectId");

    private static DomainError SelfComplaint() => new(ErrorCodes.CannotComplainAboutSelf, "You cannot complain about yourself.", "subjectId");
}
