namespace GrainMarket.Brands;

/// <summary>The life of a brand: a seller proposes it (<see cref="Pending"/>), an admin approves or rejects it.</summary>
public static class BrandStatuses
{
    /// <summary>Proposed by a seller, waiting for an admin; its name is taken already.</summary>
    public const string Pending = "pending";

    /// <summary>Approved: listed publicly, and its seller may put it on their products.</summary>
    public const string Approved = "approved";

    /// <summary>Refused by an admin with a reason; final, and its name is free again.</summary>
    public const string Rejected = "rejected";

    public static IReadOnlyList<string> All { get; } = [Pending, Approved, Rejected];
}
