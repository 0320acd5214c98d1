namespace GrainMarket.ApiGateway.Apis.Returns;

/// <summary>How many units of one product of the order go back.</summary>
public sealed record ReturnLineRequest(Guid? ProductId, int? Quantity);
