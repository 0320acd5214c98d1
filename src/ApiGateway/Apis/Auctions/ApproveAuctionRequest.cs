namespace GrainMarket.ApiGateway.Apis.Auctions;

/// <summary>
/// An approval's optional new schedule: an auction whose end passed while it waited needs a new <c>endsAt</c>
/// (<c>startsAt</c> defaults to now). Without a body the auction keeps the times its seller chose.
/// </summary>
public sealed record ApproveAuctionRequest(DateTimeOffset? StartsAt = null, DateTimeOffset? EndsAt = null);
