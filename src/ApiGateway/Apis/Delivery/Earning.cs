namespace GrainMarket.ApiGateway.Apis.Delivery;

/// <summary>One delivery payment to the courier: their share of an order's shipping charge, paid at the order's completion.</summary>
public sealed record Earning(long Sequence, Guid OrderId, long Amount, string Currency, DateTimeOffset At);
