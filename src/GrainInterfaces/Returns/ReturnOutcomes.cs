namespace GrainMarket.Returns;

/// <summary>An admin's decision on an inspected return.</summary>
public static class ReturnOutcomes
{
    /// <summary>The buyer gets the returned lines' value back; the units are restocked or written off by condition.</summary>
    public const string Refund = "refund";

    /// <summary>The seller ships the buyer new units instead of a refund; the returned units are restocked or written off by condition.</summary>
    public const string Replace = "replace";

    /// <summary>Nothing is refunded, replaced or restocked: the units go back to the buyer.</summary>
    public const string Close = "close";

    public static IReadOnlyList<string> All { get; } = [Refund, Replace, Close];
}
