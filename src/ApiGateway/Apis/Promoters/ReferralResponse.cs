using GrainMarket.Promoters;

namespace GrainMarket.ApiGateway.Apis.Promoters;

/// <summary>A referral code, its link (<c>/r/{code}</c>) and its clicks so far.</summary>
public sealed record ReferralResponse(string Code, Guid? ProductId, bool Active, long Clicks, DateTimeOffset CreatedAt, string Link)
{
    public static ReferralResponse From(ReferralCodeView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new(view.Code, view.ProductId, view.Active, view.Clicks, view.CreatedAt, $"/r/{view.Code}");
    }
}
