using GrainMarket.ApiGateway.Http;
using GrainMarket.Common;
using GrainMarket.Reviews;

namespace GrainMarket.ApiGateway.Apis.Reviews;

/// <summary>The buyer's rating of a seller of the order; <see cref="SellerId"/> may be left out when the order has one seller.</summary>
public sealed record SellerFeedbackRequest(int? Rating, string? Text, Guid? SellerId = null)
{
    public DomainError? Check() =>
        Validation.First(
            SellerId == Guid.Empty ? DomainError.Invalid("sellerId", "is not a seller") : null,
            RatingRules.Required(Rating),
            Validation.Required(Text, "text", Ratings.MaxTextLength));
}
