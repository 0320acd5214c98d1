namespace GrainMarket.ApiGateway.Apis.Wallets;

/// <summary>A page of withdrawals, newest first; pass <paramref name="Next"/> as <c>cursor</c> for the next (null: no more).</summary>
public sealed record WithdrawalPage(IReadOnlyList<WithdrawalResponse> Items, string? Next);
