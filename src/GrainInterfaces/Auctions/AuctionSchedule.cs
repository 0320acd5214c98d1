namespace GrainMarket.Auctions;

/// <summary>When an auction runs: from <paramref name="StartsAt"/> (null: now) until <paramref name="EndsAt"/>.</summary>
[GenerateSerializer, Immutable, Alias("gm.auctions.AuctionSchedule")]
public sealed record AuctionSchedule([property: Id(0)] DateTimeOffset? StartsAt, [property: Id(1)] DateTimeOffset EndsAt);
