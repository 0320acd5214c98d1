namespace GrainMarket.Auctions;

[GenerateSerializer, Alias("gm.auctions.PaymentStandingState")]
public sealed class PaymentStandingState
{
    /// <summary>Every violation by its reference (the order left unpaid), with when it was recorded.</summary>
    [Id(0)]
    public Dictionary<string, DateTimeOffset> Violations { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The violations the write under way adds, for the read model to append. Not stored (no <c>[Id]</c>;
    /// <c>NonSerialized</c> tells the analyzer so on purpose).
    /// </summary>
    [field: NonSerialized]
    public List<string> NewViolations { get; set; } = [];
}
