using System.Security.Claims;
using GrainMarket.Accounts;
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

/// <summary>
/// Admin money operations: credits from outside (ADJUSTMENT), approving or rejecting withdrawals, and the ledger
/// summary. Approving or rejecting a withdrawal that is no longer pending answers 409 <c>withdrawal-not-pending</c>
/// (naming its status), never a second movement.
/// </summary>
public static class AdminWalletApi
{
    public static IEndpointRouteBuilder MapAdminWalletApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/admin").WithTags("Admin: wallets").RequireAuthorization(Policies.Admin);
        api.MapPost("/wallets/{userId:guid}/credits", CreditWalletAsync).WithMetadata(new IdempotentAttribute()).WithSummary("Credit a user's wallet.").ProducesProblems(ErrorCodes.AmountTooLarge);
        api.MapGet("/withdrawals", ListWithdrawalsAsync).WithSummary("List withdrawal requests, optionally by status.");
        api.MapPost("/withdrawals/{id:guid}/approve", ApproveWithdrawalAsync).WithSummary("Approve a pending withdrawal.").ProducesProblems(ErrorCodes.WithdrawalNotPending);
        api.MapPost("/withdrawals/{id:guid}/reject", RejectWithdrawalAsync).WithSummary("Reject a pending withdrawal and return the money to the wallet.").ProducesProblems(ErrorCodes.WithdrawalNotPending);
        api.MapGet("/ledger/summary", GetLedgerSummaryAsync).WithSummary("Sum the ledger by entry type.");
        return app;
    }

    /// <summary>Credits money from outside; the operation id comes from the admin and the key, so a retry never credits twice.</summary>
    public static async Task<Results<Ok<LedgerEntryResponse>, ProblemHttpResult>> CreditWalletAsync(
        Guid userId,
        CreditRequest? request,
        [FromHeader(Name = IdempotencyMiddleware.Header)] string idempotencyKey,
        ClaimsPrincipal user,
        IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        if (Validation.First(Validation.Positive(request?.Amount, "amount"), Validation.Required(request?.Reason, "reason")) is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        if (await grains.GetGrain<IUserGrain>(userId).GetAsync() is null)
        {
            return DomainProblems.NotFound($"User {userId}");
        }

        var wallet = grains.GetGrain<IWalletGrain>(WalletKeys.ForUser(userId));
        var operationId = OperationIds.AdminCredit(user.UserId(), idempotencyKey);
        var result = await TransactionRetry.RunAsync(() => wallet.CreditAsync(operationId, LedgerEntryTypes.Adjustment, request!.Amount!.Value, request.Reason!), cancellationToken);
        return result.Value is { } entry ? TypedResults.Ok(LedgerEntryResponse.From(entry)) : DomainProblems.For(result.Error!);
    }

    public static async Task<Results<Ok<WithdrawalPage>, ProblemHttpResult>> ListWithdrawalsAsync(
        string? status,
        string? limit,
        string? cursor,
        ReadModelDatabase readModels,
        MarketplaceSettings settings,
        CancellationToken cancellationToken)
    {
        if (status is not null && !WithdrawalStatuses.All.Contains(status, StringComparer.Ordinal))
        {
            return DomainProblems.Invalid("status", $"must be one of {string.Join(", ", WithdrawalStatuses.All)}");
        }

        if (Paging.Check(limit, cursor, out var size, out var before) is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        return TypedResults.Ok(await WalletReadModel.WithdrawalsAsync(readModels.DataSource, status, size, before, settings.Currency, cancellationToken));
    }

    public static Task<Results<Ok<WithdrawalResponse>, ProblemHttpResult>> ApproveWithdrawalAsync(Guid id, IGrainFactory grains, MarketplaceSettings settings, CancellationToken cancellationToken) =>
        ResolveAsync(() => grains.GetGrain<IWithdrawalGrain>(id).ApproveAsync(), settings, cancellationToken);

    public static Task<Results<Ok<WithdrawalResponse>, ProblemHttpResult>> RejectWithdrawalAsync(Guid id, IGrainFactory grains, MarketplaceSettings settings, CancellationToken cancellationToken) =>
        ResolveAsync(() => grains.GetGrain<IWithdrawalGrain>(id).RejectAsync(), settings, cancellationToken);

    public static async Task<Ok<LedgerSummaryResponse>> GetLedgerSummaryAsync(ReadModelDatabase readModels, MarketplaceSettings settings, CancellationToken cancellationToken) =>
        TypedResults.Ok(await WalletReadModel.SummaryAsync(readModels.DataSource, settings.Currency, cancellationToken));

    private static async Task<Results<Ok<WithdrawalResponse>, ProblemHttpResult>> ResolveAsync(Func<Task<Common.Result<WithdrawalView>>> resolve, MarketplaceSettings settings, CancellationToken cancellationToken)
    {
        var result = await TransactionRetry.RunAsync(resolve, cancellationToken);
        return result.Value is { } view ? TypedResults.Ok(WithdrawalResponse.From(view, settings.Currency)) : DomainProblems.For(result.Error!);
    }
}
