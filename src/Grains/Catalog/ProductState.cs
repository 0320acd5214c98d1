using GrainMarket.Promotions;

namespace GrainMarket.Catalog;

[GenerateSerializer, Alias("gm.catalog.ProductState")]
public sealed class ProductState
{
    [Id(0)]
    public Guid SellerId { get; set; }

    [Id(1)]
    public Guid CategoryId { get; set; }

    [Id(2)]
    public string Title { get; set; } = "";

    [Id(3)]
    public string Description { get; set; } = "";

    [Id(4)]
    public long Price { get; set; }

    [Id(5)]
    public List<string> Images { get; set; } = [];

    [Id(6)]
    public string Status { get; set; } = ProductStatus.Pending;

    [Id(7)]
    public string? RejectionReason { get; set; }

    /// <summary>Unused since reviews own the rating (their product's rating tally grain); kept so that stored states still read.</summary>
    [Id(8)]
    public long RatingTotal { get; set; }

    [Id(9)]
    public int RatingCount { get; set; }

    [Id(10)]
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>One unit's weight in grams; 0 in products stored before weights existed, which weigh the default.</summary>
    [Id(11)]
    public int WeightGrams { get; set; }

    /// <summary>The seller's approved brand the product carries, if any, and its name as it was when assigned (brands are never renamed).</summary>
    [Id(12)]
    public Guid? BrandId { get; set; }

    [Id(13)]
    public string? BrandName { get; set; }

    /// <summary>The seller's standalone discount, null without one (Ids 15-19: pricing).</summary>
    [Id(15)]
    public ProductDiscount? Discount { get; set; }

    /// <summary>Whether the product still counts in its category (pending or active).</summary>
    public bool IsLive => Status is ProductStatus.Pending or ProductStatus.Active;
}
