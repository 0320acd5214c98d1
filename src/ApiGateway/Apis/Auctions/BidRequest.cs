namespace GrainMarket.ApiGateway.Apis.Auctions;

public sealed record BidRequest(long? Amount, long? MaxAmount = null);
