namespace GrainMarket.Catalog;

/// <summary>The life of a product: only <see cref="Active"/> products are found by search and can be bought.</summary>
public static class ProductStatus
{
    /// <summary>Waiting for an admin's approval (when moderation is on).</summary>
    public const string Pending = "pending";

    public const string Active = "active";

    /// <summary>Refused by an admin; final.</summary>
    public const string Rejected = "rejected";

    /// <summary>Withdrawn by its seller or an admin; final.</summary>
    public const string Archived = "archived";

    public static IReadOnlyList<string> All { get; } = [Pending, Active, Rejected, Archived];
}
