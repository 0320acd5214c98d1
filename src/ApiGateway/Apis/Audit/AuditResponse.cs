using GrainMarket.ApiGateway.Apis.Wallets;

namespace GrainMarket.ApiGateway.Apis.Audit;

/// <summary>
/// The conservation audit of the live database (<c>GET /api/admin/audit</c>): <paramref name="Consistent"/> when every
/// check passed, the books (<paramref name="Books"/>, the ledger summary of the same snapshot) and each check's answer.
/// </summary>
public sealed record AuditResponse(bool Consistent, DateTimeOffset CheckedAt, LedgerSummaryResponse Books, IReadOnlyList<AuditCheck> Checks);
