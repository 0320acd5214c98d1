namespace GrainMarket.Auctions;

public sealed class PaymentStandingState
{
    /// <summary>Every violation by its reference (the order left unpaid), with when it was recorded.</summary>
    public Dictionary<string, DateTimeOffset> Violations { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The violations the last write added, for the read model to append.</summary>
    public List<string> NewViolations { get; set; } = [];
}
