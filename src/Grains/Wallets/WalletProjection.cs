using GrainMarket.Runtime.Projections;

namespace GrainMarket.Wallets;

/// <summary>
/// The wallet read models, written in the commit of the wallet's state: its balances in <c>wallets</c>, and the entries
/// of the committing transaction appended to <c>ledger_entries</c>. Re-appending an entry is a no-op; applying an
/// operation id twice in one wallet fails the commit (unique <c>(wallet_id, operation_id)</c>).
/// </summary>
public sealed class WalletProjection() : StateProjection<WalletState>("wallet", "wallet")
{
    private const string UpsertWallet =
        """
        INSERT INTO wallets (wallet_id, available, held, external_in, external_out, last_sequence)
        VALUES ($1, $2, $3, $4, $5, $6)
        ON CONFLICT (wallet_id) DO UPDATE SET available = excluded.available, held = excluded.held,
            external_in = excluded.external_in, external_out = excluded.external_out, last_sequence = excluded.last_sequence
        """;

    private const string AppendEntry =
        """
        INSERT INTO ledger_entries (wallet_id, sequence, operation_id, type, amount, available, held, reference, at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
        ON CONFLICT (wallet_id, sequence) DO NOTHING
        """;

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
