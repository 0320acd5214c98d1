using GrainMarket.Wallets;

namespace GrainMarket.ApiGateway.Apis.Wallets;

/// <summary>A ledger entry: <paramref name="Id"/> is its sequence number in the wallet; the balances are those after it.</summary>
public sealed record LedgerEntryResponse(long Id, string Type, long Amount, long Available, long Held, string Reference, DateTimeOffset At)
{
    public static LedgerEntryResponse From(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(entry.Sequence, entry.Type, entry.Amount, entry.Available, entry.Held, entry.Reference, entry.At);
    }
}
