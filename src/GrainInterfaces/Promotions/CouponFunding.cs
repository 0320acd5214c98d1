namespace GrainMarket.Promotions;

/// <summary>Who pays a coupon's discount: the platform (an admin's coupon, any seller's lines) or one seller (their lines only).</summary>
public static class CouponFunding
{
    public const string Platform = "platform";
    public const string Seller = "seller";
}
