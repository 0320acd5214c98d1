using GrainMarket.Runtime.Projections;

namespace GrainMarket.Wallets;

/// <summary>
/// The wallet read models, written in the commit of the wallet's state: its balances in <c>wallets</c>, and the entries
/// of the committing transaction appended to <c>ledger_entries</c>. Re-appending an entry is a no-op; applying an
/// operation id twice in one wallet fails the commit (unique <c>(wallet_id, operation_id)</c>).
/// </summary>
public sealed class WalletProjection() : StateProjection<WalletState>("wallet", "wallet")
{
    private static readonly ProjectionRows UpsertWallet = new(
        """
        INSERT INTO wallets (wallet_id, available, held, external_in, external_out, last_sequence)
        SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[])
        ON CONFLICT (wallet_id) DO UPDATE SET available = excluded.available, held = excluded.held,
            external_in = excluded.external_in, external_out = excluded.external_out, last_sequence = excluded.last_sequence
        """,
        typeof(string), typeof(long), typeof(long), typeof(long), typeof(long), typeof(long));

    private static readonly ProjectionRows AppendEntry = new(
        """
        INSERT INTO ledger_entries (wallet_id, sequence, operation_id, type, amount, available, held, reference, at)
        SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::bigint[], $8::text[], $9::timestamptz[])
        ON CONFLICT (wallet_id, sequence) DO NOTHING
        """,
        typeof(string), typeof(long), typeof(string), typeof(string), typeof(long), typeof(long), typeof(long), typeof(string), typeof(DateTimeOffset));

    public override void Project(string grainKey, WalletState state, ProjectionCommands commands)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(commands);
        commands.Add(UpsertWallet, grainKey, state.Available, state.Held, state.ExternalIn, state.ExternalOut, state.LastSequence);
        foreach (var entry in state.NewEntries)
        {
            commands.Add(AppendEntry, grainKey, entry.Sequence, entry.OperationId, entry.Type, entry.Amount, entry.Available, entry.Held, entry.Reference, entry.At);
        }
    }
}
