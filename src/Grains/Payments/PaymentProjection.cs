namespace GrainMarket.Payments;

/// <summary>The <c>payments</c> read model (db/0032_payments.sql, db/0037_payment_verification.sql), written with each store of a payment's state.</summary>
public sealed class PaymentProjection : IStateProjection<PaymentState>
{
    private const string Upsert =
        """
        INSERT INTO payments (provider, payment_id, purpose, user_id, order_id, status, credited, refunded, outcome, updated_at, amount, verify_until)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
        ON CONFLICT (provider, payment_id) DO UPDATE SET purpose = excluded.purpose, user_id = excluded.user_id, order_id = excluded.order_id,
            status = excluded.status, credited = excluded.credited,
            refunded = excluded.refunded, outcome = excluded.outcome, updated_at = excluded.updated_at,
            amount = excluded.amount, verify_until = excluded.verify_until
        """;

    public void Project(StateProjectionContext context, PaymentState? previous, PaymentState state, ProjectionCommands commands)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(commands);
        if (state.Status is null)
        {
            return;
        }

        commands.Add(Upsert, state.Provider, state.PaymentId, state.Purpose, state.UserId, state.OrderId, state.Status, state.Credited, state.Refunded, state.Outcome, state.UpdatedAt, state.Amount, ProjectionCommands.Typed(state.VerifyUntil, NpgsqlTypes.NpgsqlDbType.TimestampTz));
    }
}
