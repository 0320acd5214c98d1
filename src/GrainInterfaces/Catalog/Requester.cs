namespace GrainMarket.Catalog;

/// <summary>Who asks for a change of a product: the owner and admins may change it.</summary>
public sealed record Requester(Guid UserId, bool IsAdmin);
