namespace GrainMarket.Auctions;

/// <summary>Appends each recorded payment violation to <c>payment_violations</c> (the admins' list), in the commit that records it
/// (the grain's live state, whose unstored <see cref="PaymentStandingState.NewViolations"/> are the write's additions).</summary>
public sealed class PaymentStandingProjection : IStateProjection<PaymentStandingState>
{
    private const string Append = """
        INSERT INTO payment_violations (user_id, reference, at, total) VALUES ($1, $2, $3, $4)
        ON CONFLICT (user_id, reference) DO NOTHING
        """;

    public void Project(StateProjectionContext context, PaymentStandingState? previous, PaymentStandingState state, ProjectionCommands commands)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(commands);
        foreach (var reference in state.NewViolations)
        {
            commands.Add(Append, Guid.Parse(context.GrainKey), reference, state.Violations[reference], state.Violations.Count);
        }
    }
}
