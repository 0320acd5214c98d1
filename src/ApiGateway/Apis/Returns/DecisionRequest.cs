namespace GrainMarket.ApiGateway.Apis.Returns;

/// <summary>An admin's decision on an inspected return: <c>refund</c>, <c>replace</c> or <c>close</c>, and whether the seller is at fault (false when absent).</summary>
public sealed record DecisionRequest(string? Outcome, bool? SellerAtFault);
