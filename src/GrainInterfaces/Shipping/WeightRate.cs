namespace GrainMarket.Shipping;

/// <summary>A weight bracket: parcels of up to <paramref name="UpToGrams"/> (null: any heavier one) cost <paramref name="Amount"/>.</summary>
[GenerateSerializer, Immutable, Alias("gm.shipping.WeightRate")]
public sealed record WeightRate([property: Id(0)] long? UpToGrams, [property: Id(1)] long Amount);
