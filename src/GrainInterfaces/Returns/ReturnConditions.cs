namespace GrainMarket.Returns;

/// <summary>What the inspection found a returned unit to be: resellable goes back to available stock, the others are written off.</summary>
public static class ReturnConditions
{
    public const string Resellable = "resellable";
    public const string Damaged = "damaged";
    public const string WrongItem = "wrong-item";

    public static IReadOnlyList<string> All { get; } = [Resellable, Damaged, WrongItem];
}
