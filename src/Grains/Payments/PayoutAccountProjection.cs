namespace GrainMarket.Payments;

/// <summary>The <c>payout_accounts</c> read model (db/0036_payouts.sql), written with each store of a payout account's state.</summary>
public sealed class PayoutAccountProjection : IStateProjection<PayoutAccountState>
{
    private const string Upsert =
        """
        INSERT INTO payout_accounts (seller_id, provider, account_id, payouts_enabled, charges_enabled, transfers_active, details_submitted, status_at, created_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
        ON CONFLICT (seller_id) DO UPDATE SET payouts_enabled = excluded.payouts_enabled, charges_enabled = excluded.charges_enabled,
            transfers_active = excluded.transfers_active, details_submitted = excluded.details_submitted, status_at = excluded.status_at
        """;

    public void Project(StateProjectionContext context, PayoutAccountState? previous, PayoutAccountState state, ProjectionCommands commands)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(commands);
        if (state.AccountId is null)
        {
            return;
        }

        commands.Add(Upsert, state.SellerId, state.Provider, state.AccountId, state.PayoutsEnabled, state.ChargesEnabled, state.TransfersActive, state.DetailsSubmitted,
            ProjectionCommands.Typed(state.StatusAt, NpgsqlTypes.NpgsqlDbType.TimestampTz), state.CreatedAt);
    }
}
