namespace GrainMarket.Returns;

/// <summary>How the returned units of one product were found: <see cref="Resellable"/> go back to stock, the rest is written off.</summary>
[GenerateSerializer, Immutable, Alias("gm.returns.InspectedLine")]
public sealed record InspectedLine(
    [property: Id(0)] Guid ProductId,
    [property: Id(1)] int Resellable,
    [property: Id(2)] int Damaged,
    [property: Id(3)] int WrongItem)
{
    public int WrittenOff => Damaged + WrongItem;

    public int Units => Resellable + WrittenOff;
}
