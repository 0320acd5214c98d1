namespace GrainMarket.Complaints;

/// <summary>
/// What a complaint is about: an order (its buyer about its seller, or a seller of it about its buyer), a seller (by a
/// buyer who ordered from them), a buyer (by a seller they ordered from), a product listing (by anyone but its seller)
/// or an ad engagement (its seller about its advertiser, or the advertiser about the seller; docs/ads.md).
/// </summary>
public static class ComplaintSubjects
{
    public const string Order = "order";
    public const string Seller = "seller";
    public const string Buyer = "buyer";
    public const string Product = "product";
    public const string AdEngagement = "ad-engagement";

    public static IReadOnlyList<string> All { get; } = [Order, Seller, Buyer, Product, AdEngagement];
}
