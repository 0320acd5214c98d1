namespace GrainMarket.ApiGateway.Apis.Returns;

/// <summary>The condition (<c>resellable</c>, <c>damaged</c>, <c>wrong-item</c>) of one returned unit of a product.</summary>
public sealed record UnitConditionRequest(Guid? ProductId, string? Condition);
