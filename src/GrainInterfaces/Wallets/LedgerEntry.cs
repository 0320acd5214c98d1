namespace GrainMarket.Wallets;

/// <summary>
/// One movement of a wallet: <paramref name="Sequence"/> numbers a wallet's entries from 1, <paramref name="OperationId"/>
/// is unique within the wallet (the deterministic id that applied it), <paramref name="Amount"/> is positive (the type
/// gives the direction) and <paramref name="Available"/>/<paramref name="Held"/> are the balances after the entry.
/// </summary>
[GenerateSerializer, Immutable, Alias("gm.wallets.LedgerEntry")]
public sealed record LedgerEntry(
    [property: Id(0)] long Sequence,
    [property: Id(1)] string OperationId,
    [property: Id(2)] string Type,
    [property: Id(3)] long Amount,
    [property: Id(4)] long Available,
    [property: Id(5)] long Held,
    [property: Id(6)] string Reference,
    [property: Id(7)] DateTimeOffset At);
