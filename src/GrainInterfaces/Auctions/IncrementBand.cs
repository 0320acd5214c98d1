namespace GrainMarket.Auctions;

/// <summary>From a current price of <paramref name="From"/> (inclusive) upwards, the next bid must be at least <paramref name="Step"/> more.</summary>
public sealed record IncrementBand(long From, long Step);
