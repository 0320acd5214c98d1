namespace GrainMarket.Shipping;

/// <summary>An order-value bracket: orders worth up to <paramref name="UpToValue"/> (null: any more) add <paramref name="Amount"/>.</summary>
[GenerateSerializer, Immutable, Alias("gm.shipping.ValueRate")]
public sealed record ValueRate([property: Id(0)] long? UpToValue, [property: Id(1)] long Amount);
