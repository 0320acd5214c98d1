using GrainMarket.Common;

namespace GrainMarket.Promoters;

/// <summary>
/// One referral code (key: the code in upper case, as coupon codes are spelled: <see cref="Promotions.CouponCodes"/>). Its
/// promoter creates it once, store-wide or for one product, and may deactivate it; its link counts clicks per day
/// (UTC), keeping no personal data. The state is projected to the <c>referral_codes</c> and <c>referral_clicks</c> read models.
/// </summary>
[Alias("gm.referral-code")]
public interface IReferralCodeGrain : IGrainWithStringKey
{
    /// <summary>Creates the code for <paramref name="promoterId"/>; referral-code-taken when it exists.</summary>
    [Transaction(TransactionOption.Create)]
    [Alias("create")]
    Task<Result<ReferralCodeView>> CreateAsync(Guid promoterId, Guid? productId);

    [ReadOnly]
    [Transaction(TransactionOption.CreateOrJoin)]
    [Alias("get")]
    Task<ReferralCodeView?> GetAsync();

    /// <summary>Its promoter stops it: its link still leads on but no longer refers; referral-code-not-found to anyone else.</summary>
    [Transaction(TransactionOption.Create)]
    [Alias("deactivate")]
    Task<Result<ReferralCodeView>> DeactivateAsync(Guid promoterId);

    /// <summary>Counts one click of the link today; a code that does not exist or is inactive counts nothing.</summary>
    [Transaction(TransactionOption.Create)]
    [Alias("click")]
    Task<ReferralCodeView?> ClickAsync();
}
