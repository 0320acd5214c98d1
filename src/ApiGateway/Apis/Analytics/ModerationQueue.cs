namespace GrainMarket.ApiGateway.Apis.Analytics;

/// <summary>A queue of things waiting for an admin: what it holds, how many, and the list endpoint that shows them.</summary>
public sealed record ModerationQueue(string Name, int Count, string Link);
