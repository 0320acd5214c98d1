namespace GrainMarket.Wallets;

/// <summary>
/// One movement of a wallet: <paramref name="Sequence"/> numbers a wallet's entries from 1, <paramref name="OperationId"/>
/// is unique within the wallet (the deterministic id that applied it), <paramref name="Amount"/> is positive (the type
/// gives the direction) and <paramref name="Available"/>/<paramref name="Held"/> are the balances after the entry.
/// </summary>
public sealed record LedgerEntry(long Sequence, string OperationId, string Type, long Amount, long Available, long Held, string Reference, DateTimeOffset At);
