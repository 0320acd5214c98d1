using GrainMarket.Ads;
using GrainMarket.ApiGateway.Http;
using GrainMarket.Common;
using GrainMarket.Wallets;

namespace GrainMarket.ApiGateway.Apis.Ads;

/// <summary>An advertising opportunity to post: its title and brief, the budget held in escrow from the seller's wallet, the deadline, and optionally a category.</summary>
public sealed record PostOpportunityRequest(string? Title, string? Brief, long? Budget, DateTimeOffset? Deadline, Guid? CategoryId = null)
{
    /// <summary>How far ahead a deadline may be.</summary>
    public static readonly TimeSpan MaxHorizon = TimeSpan.FromDays(366);

    public DomainError? Check(DateTimeOffset now) =>
        Validation.First(
            Validation.Required(Title, "title"),
            Validation.Required(Brief, "brief", IAdOpportunityGrain.MaxTextLength),
            Validation.Positive(Budget, "budget") ?? Validation.AtMost(Budget, "budget", WalletKeys.MaxAmount),
            Deadline is null ? DomainError.Invalid("deadline", "is required")
            : Deadline <= now ? DomainError.Invalid("deadline", "must be in the future")
            : Deadline > now + MaxHorizon ? DomainError.Invalid("deadline", "must be at most 366 days ahead")
            : null,
            CategoryId == Guid.Empty ? DomainError.Invalid("categoryId", "must be a category id") : null);
}
