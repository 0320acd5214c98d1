using GrainMarket.ApiGateway.Apis.Audit;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.ReadModels;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GrainMarket.ApiGateway.Apis;

/// <summary>
/// The conservation audit, for admins: <c>GET /api/admin/audit</c> answers each money and stock check yes or no with
/// the differences it found (<see cref="AuditReadModel"/>), and <see cref="PagePath"/> shows the same as a page for a
/// browser signed in with cookies (<c>POST /api/auth/login?use_cookies=true</c>). See docs/operations-audit.md.
/// </summary>
public static class AdminAuditApi
{
    /// <summary>The audit page's path, beside the Orleans Dashboard's.</summary>
    public const string PagePath = "/admin/audit";

    public static IEndpointRouteBuilder MapAdminAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/admin").WithTags("Admin: audit").RequireAuthorization(Policies.Admin).MapGet("/audit", GetAuditAsync).WithSummary("Check that money and stock add up across the marketplace.");
        app.MapGet(PagePath, GetAuditPageAsync).RequireAuthorization(Policies.Admin).ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// Audits the live database: ledger balances, money conserved, held money owned, stock conserved, reserved and sold
    /// units owned. A snapshot that does not balance is read again for up to 2 s (read models follow transaction
    /// confirmations by a few milliseconds), so a "no" is an imbalance that lasted.
    /// </summary>
    public static async Task<Ok<AuditResponse>> GetAuditAsync(ReadModelDatabase readModels, MarketplaceSettings settings, TimeProvider time, CancellationToken cancellationToken) =>
        TypedResults.Ok(await AuditReadModel.AuditAsync(readModels.DataSource, settings.Currency, time, cancellationToken));

    /// <summary>The audit as a small HTML page: no scripts, no external assets.</summary>
    public static async Task<ContentHttpResult> GetAuditPageAsync(ReadModelDatabase readModels, MarketplaceSettings settings, TimeProvider time, CancellationToken cancellationToken) =>
        TypedResults.Content(AuditPage.Render(await AuditReadModel.AuditAsync(readModels.DataSource, settings.Currency, time, cancellationToken)), "text/html; charset=utf-8");
}
