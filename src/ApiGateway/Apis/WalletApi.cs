using System.Security.Claims;
using GrainMarket.ApiGateway.Apis.Wallets;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.OpenApi;
using GrainMarket.ApiGateway.ReadModels;
using GrainMarket.Common;
using GrainMarket.Wallets;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Orleans;

namespace GrainMarket.ApiGateway.Apis;

/// <summary>The signed-in user's wallet: balances, ledger, and withdrawal requests.</summary>
public static class WalletApi
{
    public static IEndpointRouteBuilder MapWalletApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/wallet").WithTags("Wallet").RequireAuthorization();
        api.MapGet("", GetWalletAsync).WithSummary("Get your wallet balance.");
        api.MapGet("/ledger", GetLedgerAsync).WithSummary("List your wallet's entries, newest first.");
        api.MapPost("/withdrawals", RequestWithdrawalAsync).WithMetadata(new IdempotentAttribute()).WithSummary("Withdraw money from your wallet.").ProducesProblems(ErrorCodes.InsufficientFunds);
        return app;
    }

    public static async Task<Ok<WalletResponse>> GetWalletAsync(ClaimsPrincipal user, IGrainFactory grains, MarketplaceSettings settings, CancellationToken cancellationToken)
    {
        var wallet = grains.GetGrain<IWalletGrain>(WalletKeys.ForUser(user.UserId()));
        var balance = await TransactionRetry.RunAsync(wallet.GetBalanceAsync, cancellationToken);
        return TypedResults.Ok(new WalletResponse(settings.Currency, balance.Available, balance.Held, balance.Balance));
    }

    public static async Task<Results<Ok<LedgerPage>, ProblemHttpResult>> GetLedgerAsync(string? limit, string? cursor, ClaimsPrincipal user, ReadModelDatabase readModels, CancellationToken cancellationToken)
    {
        if (Paging.Check(limit, cursor, out var size, out var before) is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        return TypedResults.Ok(await WalletReadModel.LedgerAsync(readModels.DataSource, WalletKeys.ForUser(user.UserId()), size, before, cancellationToken));
    }

    public static async Task<Results<Created<WithdrawalResponse>, ProblemHttpResult>> RequestWithdrawalAsync(
        WithdrawalRequest? request,
        [FromHeader(Name = IdempotencyMiddleware.Header)] string idempotencyKey,
        ClaimsPrincipal user,
        IGrainFactory grains,
        MarketplaceSettings settings,
        CancellationToken cancellationToken)
    {
        if (Validation.Positive(request?.Amount, "amount") is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        var userId = user.UserId();
        var id = OperationIds.Withdrawal(userId, idempotencyKey);
        var withdrawal = grains.GetGrain<IWithdrawalGrain>(id);
        var result = await TransactionRetry.RunAsync(() => withdrawal.RequestAsync(WalletKeys.ForUser(userId), request!.Amount!.Value), cancellationToken);
        return result.Value is { } view
            ? TypedResults.Created($"/api/wallet/withdrawals/{view.Id}", WithdrawalResponse.From(view, settings.Currency))
            : DomainProblems.For(result.Error!);
    }
}
