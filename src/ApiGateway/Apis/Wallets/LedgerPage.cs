namespace GrainMarket.ApiGateway.Apis.Wallets;

/// <summary>A page of ledger entries, newest first; pass <paramref name="Next"/> as <c>cursor</c> for the next (null: no more).</summary>
public sealed record LedgerPage(IReadOnlyList<LedgerEntryResponse> Items, string? Next);
