namespace GrainMarket.ApiGateway.ReadModels;

/// <summary>A pending transfer a sender has claimed: what to send, how many attempts it had and how many of them were refused outright.</summary>
public sealed record DueTransfer(string Key, Guid OrderId, Guid SellerId, string Provider, string AccountId, long Amount, int Attempts, int Refusals);
