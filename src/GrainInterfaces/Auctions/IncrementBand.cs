namespace GrainMarket.Auctions;

/// <summary>From a current price of <paramref name="From"/> (inclusive) upwards, the next bid must be at least <paramref name="Step"/> more.</summary>
[GenerateSerializer, Immutable, Alias("gm.auctions.IncrementBand")]
public sealed record IncrementBand([property: Id(0)] long From, [property: Id(1)] long Step);
