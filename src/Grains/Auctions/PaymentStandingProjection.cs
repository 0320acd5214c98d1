using GrainMarket.Runtime.Projections;

namespace GrainMarket.Auctions;

/// <summary>Appends each recorded payment violation to <c>payment_violations</c> (the admins' list), in the commit that records it.</summary>
public sealed class PaymentStandingProjection() : StateProjection<PaymentStandingState>("payment-standing", "standing")
{
    private const string Append = """
        INSERT INTO payment_violations (user_id, reference, at, total) VALUES ($1, $2, $3, $4)
        ON CONFLICT (user_id, reference) DO NOTHING
        """;

    public override void Project(string grainKey, PaymentStandingState state, ProjectionCommands commands)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(commands);
        foreach (var reference in state.NewViolations)
        {
            commands.Add(Append, Guid.Parse(grainKey), reference, state.Violations[reference], state.Violations.Count);
        }
    }
}
