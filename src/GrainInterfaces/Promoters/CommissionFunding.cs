namespace GrainMarket.Promoters;

/// <summary>Who pays a commission rule's commission: the platform out of its wallet, or the seller out of their share of the sale.</summary>
public static class CommissionFunding
{
    public const string Platform = "platform";
    public const string Seller = "seller";

    public static bool IsKnown(string? funding) => funding is Platform or Seller;
}
