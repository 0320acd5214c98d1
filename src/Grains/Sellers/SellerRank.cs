namespace GrainMarket.Sellers;

/// <summary>A rank a seller reaches at <see cref="MinPoints"/> points.</summary>
public sealed record SellerRank(string Name, long MinPoints);
