namespace GrainMarket.ApiGateway.Apis.Complaints;

/// <summary>The other party's response to a complaint.</summary>
public sealed record ComplaintTextRequest(string? Text);
