using NpgsqlTypes;

namespace GrainMarket.Payments;

/// <summary>
/// The <c>payout_transfers</c> outbox (db/0036_payouts.sql), written with each store of a transfer's state: the row
/// appears in settlement's commit. <c>claimed_until</c> belongs to the gateways' senders and is never written here.
/// </summary>
public sealed class PayoutTransferProjection : IStateProjection<PayoutTransferState>
{
    private const string Upsert =
        """
        INSERT INTO payout_transfers (key, order_id, seller_id, provider, account_id, amount, status, transfer_id, attempts, last_error, next_attempt_at, created_at, sent_at, refusals)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
        ON CONFLICT (key) DO UPDATE SET status = excluded.status, transfer_id = excluded.transfer_id, attempts = excluded.attempts,
            last_error = excluded.last_error, next_attempt_at = excluded.next_attempt_at, sent_at = excluded.sent_at, refusals = excluded.refusals
        """;

    public void Project(StateProjectionContext context, PayoutTransferState? previous, PayoutTransferState state, ProjectionCommands commands)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(commands);
        if (state.Status is null)
        {
            return;
        }

        commands.Add(Upsert, state.Key, state.OrderId, state.SellerId, state.Provider, state.AccountId, state.Amount, state.Status,
            ProjectionCommands.Typed(state.TransferId, NpgsqlDbType.Text), state.Attempts, ProjectionCommands.Typed(state.LastError, NpgsqlDbType.Text),
            state.NextAttemptAt, state.CreatedAt, ProjectionCommands.Typed(state.SentAt, NpgsqlDbType.TimestampTz), state.Refusals);
    }
}
