namespace GrainMarket.ApiGateway.Apis.Payouts;

/// <summary>A page of settlement transfers, newest first; pass <paramref name="Next"/> as <c>cursor</c> for the next (null: no more).</summary>
public sealed record PayoutTransferPage(IReadOnlyList<PayoutTransferResponse> Items, string? Next);
