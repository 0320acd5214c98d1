namespace GrainMarket.Catalog;

public sealed class ProductState
{
    public Guid SellerId { get; set; }

    public Guid CategoryId { get; set; }

    public string Title { get; set; } = "";

    public string Description { get; set; } = "";

    public long Price { get; set; }

    public List<string> Images { get; set; } = [];

    public string Status { get; set; } = ProductStatus.Pending;

    public string? RejectionReason { get; set; }

    /// <summary>The sum of all ratings' stars; the average is derived so that it never drifts.</summary>
    public long RatingTotal { get; set; }

    public int RatingCount { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Whether the product still counts in its category (pending or active).</summary>
    public bool IsLive => Status is ProductStatus.Pending or ProductStatus.Active;
}
