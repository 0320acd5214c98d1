namespace GrainMarket.ApiGateway.Apis.Wallets;

/// <summary>
/// The platform's books from one snapshot of the wallet read model: <paramref name="WalletsTotal"/> (all balances,
/// the platform wallet's included) must equal <paramref name="ExternalIn"/> − <paramref name="ExternalOut"/>.
/// </summary>
public sealed record LedgerSummaryResponse(string Currency, long ExternalIn, long ExternalOut, long WalletsTotal, long HeldTotal, bool Conserved);
