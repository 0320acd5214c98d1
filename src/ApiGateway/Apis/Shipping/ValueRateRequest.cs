namespace GrainMarket.ApiGateway.Apis.Shipping;

/// <summary>An order-value bracket: orders worth up to <see cref="UpToValue"/> (absent in the last bracket only: any more) add <see cref="Amount"/>.</summary>
public sealed record ValueRateRequest(long? UpToValue, long? Amount);
