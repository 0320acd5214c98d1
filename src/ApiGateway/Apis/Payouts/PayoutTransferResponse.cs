namespace GrainMarket.ApiGateway.Apis.Payouts;

/// <summary>A settlement transfer to a seller's connected account, as the admin's list shows it.</summary>
public sealed record PayoutTransferResponse(
    string Key, Guid OrderId, Guid SellerId, string Provider, string AccountId, long Amount, string Currency, string Status, string? TransferId,
    int Attempts, string? LastError, DateTimeOffset NextAttemptAt, DateTimeOffset CreatedAt, DateTimeOffset? SentAt);
