namespace GrainMarket.ApiGateway.Payments;

/// <summary>A transfer of <see cref="Amount"/> of <see cref="Currency"/> to <see cref="AccountId"/>, seller <see cref="SellerId"/>'s share of <see cref="OrderId"/>, once per <see cref="IdempotencyKey"/>.</summary>
public sealed record PayoutTransferRequest(string IdempotencyKey, string AccountId, long Amount, string Currency, Guid OrderId, Guid SellerId);
