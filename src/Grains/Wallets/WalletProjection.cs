namespace GrainMarket.Wallets;

/// <summary>
/// The wallet read models, written in the same PostgreSQL transaction as each store of the wallet's state: its balances
/// in <c>wallets</c>, and every ledger entry committed since the previous store appended to <c>ledger_entries</c>.
/// </summary>
/// <remarks>
/// <c>previous</c> is the state of the last store, written together with the rows it projected, so the entries to
/// append are exactly those numbered after its <see cref="WalletState.LastSequence"/>. When a store confirms several
/// transactions, the storage projects them one at a time (each against the one before), so the few entries of one
/// transaction are always among the recent ones the state keeps, and the balance row keeps the last state only
/// (<see cref="ProjectionRows.KeyColumns"/>); none was appended before, so the insert is a plain one and a duplicate fails the store loudly. So
/// does applying an operation id twice in one wallet (unique <c>(wallet_id, operation_id)</c>).
/// </remarks>
public sealed class WalletProjection : IStateProjection<WalletState>
{
    private static readonly ProjectionRows UpsertWallet = new(
        """
        INSERT INTO wallets (wallet_id, available, held, external_in, external_out, last_sequence)
        SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[])
        ON CONFLICT (wallet_id) DO UPDATE SET available = excluded.available, held = excluded.held,
            external_in = excluded.external_in, external_out = excluded.external_out, last_sequence = excluded.last_sequence
        """,
        typeof(string), typeof(long), typeof(long), typeof(long), typeof(long), typeof(long))
    {
        KeyColumns = 1,
    };

    private static readonly ProjectionRows AppendEntry = new(
        """
        INSERT INTO ledger_entries (wallet_id, sequence, operation_id, type, amount, available, held, reference, at)
        SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::bigint[], $8::text[], $9::timestamptz[])
        """,
        typeof(string), typeof(long), typeof(string), typeof(string), typeof(long), typeof(long), typeof(long), typeof(string), typeof(DateTimeOffset));

    public void Project(StateProjectionContext context, WalletState? previous, WalletState state, ProjectionCommands commands)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(commands);
        var walletId = context.GrainKey;
        var projectedUpTo = previous?.LastSequence ?? 0;
        if (state.LastSequence < projectedUpTo)
        {
            throw new InvalidOperationException($"Wallet {walletId}: the state to store ends its ledger at sequence {state.LastSequence}, before the {projectedUpTo} already projected.");
        }

        var fresh = state.RecentEntries.Where(entry => entry.Sequence > projectedUpTo).ToList();
        if (fresh.Count != state.LastSequence - projectedUpTo)
        {
            // The state kept too few entries for this store: projecting what is left would leave a hole in the ledger.
            throw new InvalidOperationException(
                $"Wallet {walletId}: entries {projectedUpTo + 1}..{state.LastSequence} were committed since the last store, but its state keeps only "
                + $"{fresh.Count} of them (the last {WalletState.RecentEntriesKept} entries); the ledger read model would have a gap.");
        }

        commands.Add(UpsertWallet, walletId, state.Available, state.Held, state.ExternalIn, state.ExternalOut, state.LastSequence);
        foreach (var entry in fresh)
        {
            commands.Add(AppendEntry, walletId, entry.Sequence, entry.OperationId, entry.Type, entry.Amount, entry.Available, entry.Held, entry.Reference, entry.At);
        }
    }
}
