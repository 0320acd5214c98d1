using GrainMarket.Promoters;

namespace GrainMarket.ApiGateway.Apis.Promoters;

/// <summary>A promoter's subscription: paid until <see cref="PaidUntil"/> (null: never), renewing while <see cref="Renews"/>, and their commission debt.</summary>
public sealed record SubscriptionResponse(DateTimeOffset? PaidUntil, bool Renews, bool Paid, long Debt)
{
    public static SubscriptionResponse From(PromoterView view, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new(view.PaidUntil, view.Renews, view.IsPaidAt(now), view.Debt);
    }
}
