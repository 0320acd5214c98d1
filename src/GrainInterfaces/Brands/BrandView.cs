namespace GrainMarket.Brands;

/// <summary>A brand as its grain holds it: who owns it, what it is called and says, and where moderation left it.</summary>
[GenerateSerializer, Immutable, Alias("gm.brands.BrandView")]
public sealed record BrandView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid SellerId,
    [property: Id(2)] string Name,
    [property: Id(3)] string? Description,
    [property: Id(4)] string? LogoUrl,
    [property: Id(5)] string Status,
    [property: Id(6)] string? RejectionReason,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] DateTimeOffset? DecidedAt);
