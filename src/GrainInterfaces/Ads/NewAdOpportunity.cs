namespace GrainMarket.Ads;

/// <summary>A seller's advertising opportunity: its brief, the budget held in escrow from their wallet, and the deadline.</summary>
[GenerateSerializer, Immutable, Alias("gm.ads.NewAdOpportunity")]
public sealed record NewAdOpportunity(
    [property: Id(0)] Guid SellerId,
    [property: Id(1)] string Title,
    [property: Id(2)] string Brief,
    [property: Id(3)] long Budget,
    [property: Id(4)] DateTimeOffset Deadline,
    [property: Id(5)] Guid? CategoryId);
