using GrainMarket.ApiGateway.Apis.Analytics;
using GrainMarket.ApiGateway.Apis.Wallets;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.ReadModels;
using GrainMarket.Wallets;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GrainMarket.ApiGateway.Apis;

/// <summary>The admin's overview of the marketplace and the platform wallet's ledger (docs/analytics.md).</summary>
public static class AdminOverviewApi
{
    public static IEndpointRouteBuilder MapAdminOverviewApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").WithTags("Admin: overview").RequireAuthorization(Policies.Admin);
        admin.MapGet("/overview", GetOverviewAsync).WithSummary("See the marketplace at a glance: sales, orders by status, fee income, commissions, escrow, withdrawals and moderation queues.");
        admin.MapGet("/platform/ledger", GetPlatformLedgerAsync).WithSummary("List the platform wallet's entries, newest first.");
        return app;
    }

    public static async Task<Ok<AdminOverviewResponse>> GetOverviewAsync(ReadModelDatabase readModels, MarketplaceSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readModels);
        ArgumentNullException.ThrowIfNull(settings);
        return TypedResults.Ok(await OverviewQueries.OverviewAsync(readModels.DataSource, settings.Currency, cancellationToken));
    }

    public static async Task<Results<Ok<LedgerPage>, ProblemHttpResult>> GetPlatformLedgerAsync(string? limit, string? cursor, ReadModelDatabase readModels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readModels);
        if (Paging.Check(limit, cursor, out var size, out var before) is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        return TypedResults.Ok(await WalletReadModel.LedgerAsync(readModels.DataSource, WalletKeys.Platform, size, before, cancellationToken));
    }
}
