namespace GrainMarket.ApiGateway.Apis.Wallets;

public sealed record CreditRequest(long? Amount, string? Reason);
