namespace GrainMarket.Returns;

/// <summary>
/// Return rules: how long after its delivery an order may be returned (<c>GRAINMARKET_RETURN_WINDOW</c>, default 7
/// days) and how many points a seller loses for a return the admin finds them at fault for
/// (<c>GRAINMARKET_RETURN_PENALTY_POINTS</c>, default 10).
/// </summary>
public sealed record ReturnSettings(TimeSpan Window, long PenaltyPoints)
{
    public static ReturnSettings Default { get; } = new(TimeSpan.FromDays(7), 10);
}
