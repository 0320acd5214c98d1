namespace GrainMarket.Catalog;

/// <summary>Who asks for a change of a product: the owner and admins may change it.</summary>
[GenerateSerializer, Immutable, Alias("gm.catalog.Requester")]
public sealed record Requester([property: Id(0)] Guid UserId, [property: Id(1)] bool IsAdmin);
