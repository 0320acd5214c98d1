namespace GrainMarket.ApiGateway.Apis.Wallets;

public sealed record WithdrawalRequest(long? Amount);
