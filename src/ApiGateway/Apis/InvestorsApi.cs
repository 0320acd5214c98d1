using System.Security.Claims;
using GrainMarket.Accounts;
using GrainMarket.ApiGateway.Apis.Investors;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.OpenApi;
using GrainMarket.ApiGateway.ReadModels;
using GrainMarket.Common;
using GrainMarket.Investors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Orleans;

namespace GrainMarket.ApiGateway.Apis;

/// <summary>
/// Investors (docs/ads.md): admins record the stakes of users who hold the investor role (an admin creates such a user
/// with <c>POST /api/admin/users</c>) and pay them out of the platform's wallet; an investor reads their own statement.
/// </summary>
public static class InvestorsApi
{
    public static IEndpointRouteBuilder MapInvestorsApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin/investors").WithTags("Admin: investors").RequireAuthorization(Policies.Admin);
        admin.MapGet("/", ListAsync).WithSummary("List the investors with their stakes and payouts in total, newest first.");
        admin.MapGet("/{id:guid}", GetAsync).WithSummary("Get an investor's statement: every stake and payout, and the totals.").ProducesProblems(ErrorCodes.InvestorNotFound);
        admin.MapPost("/{id:guid}/stakes", RecordStakeAsync).WithMetadata(new IdempotentAttribute())
            .WithSummary("Record an investor's stake: the amount invested, the share it bought and when.").ProducesProblems(ErrorCodes.InvestorNotFound);
        admin.MapPost("/{id:guid}/payouts", PayAsync).WithMetadata(new IdempotentAttribute())
            .WithSummary("Pay an investor from the platform's wallet into theirs.").ProducesProblems(ErrorCodes.InvestorNotFound, ErrorCodes.InsufficientFunds);

        var investor = app.MapGroup("/api/investor").WithTags("Investor").RequireAuthorization(Policies.Investor);
        investor.MapGet("/statement", GetOwnAsync).WithSummary("Get your investor statement: your stakes, your payouts and their totals.");
        return app;
    }

    public static async Task<Results<Ok<InvestorPage>, ProblemHttpResult>> ListAsync(int? limit, string? cursor, ReadModelDatabase readModels, CancellationToken cancellationToken)
    {
        if (Validation.Range(limit, "limit", 1, 100) is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        return PageCursor.TryParse(cursor, out var afterTime, out var afterId)
            ? TypedResults.Ok(await InvestorQueries.ListAsync(readModels.DataSource, limit ?? 20, afterTime, afterId, cancellationToken))
            : DomainProblems.Invalid("cursor", "is not a cursor this API returned");
    }

    public static async Task<Results<Ok<InvestorStatement>, ProblemHttpResult>> GetAsync(Guid id, IGrainFactory grains, CancellationToken cancellationToken) =>
        await IsInvestorAsync(grains, id)
            ? TypedResults.Ok(await TransactionRetry.RunAsync(grains.GetGrain<IInvestorGrain>(id).GetStatementAsync, cancellationToken))
            : DomainProblems.For(NotFound());

    public static async Task<Ok<InvestorStatement>> GetOwnAsync(ClaimsPrincipal user, IGrainFactory grains, CancellationToken cancellationToken) =>
        TypedResults.Ok(await TransactionRetry.RunAsync(grains.GetGrain<IInvestorGrain>(user.UserId()).GetStatementAsync, cancellationToken));

    public static async Task<Results<Ok<InvestorStatement>, ProblemHttpResult>> RecordStakeAsync(
        Guid id,
        StakeRequest request,
        [FromHeader(Name = IdempotencyMiddleware.Header)] string idempotencyKey,
        ClaimsPrincipal user,
        IGrainFactory grains,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = time.GetUtcNow();
        var adminId = user.UserId();
        var stake = new InvestorStake(InvestorIds.Stake(adminId, idempotencyKey), request.Amount ?? 0, request.SharesBps, request.At ?? now, request.Note?.Trim() ?? "", adminId, now);
        return await RecordAsync(grains, id, request.Check(now), investor => investor.RecordStakeAsync(stake), cancellationToken);
    }

    public static async Task<Results<Ok<InvestorStatement>, ProblemHttpResult>> PayAsync(
        Guid id,
        PayoutRequest request,
        [FromHeader(Name = IdempotencyMiddleware.Header)] string idempotencyKey,
        ClaimsPrincipal user,
        IGrainFactory grains,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var adminId = user.UserId();
        var payout = new InvestorPayout(InvestorIds.Payout(adminId, idempotencyKey), request.Amount ?? 0, request.Note?.Trim() ?? "", adminId, time.GetUtcNow());
        return await RecordAsync(grains, id, request.Check(), investor => investor.PayAsync(payout), cancellationToken);
    }

    /// <summary>A stake or a payout: the input's refusal, or not an investor, or the investor's transaction (retried while it may pass).</summary>
    private static async Task<Results<Ok<InvestorStatement>, ProblemHttpResult>> RecordAsync(
        IGrainFactory grains, Guid id, DomainError? invalid, Func<IInvestorGrain, Task<Result<InvestorStatement>>> record, CancellationToken cancellationToken)
    {
        if (invalid is not null)
        {
            return DomainProblems.For(invalid);
        }

        if (!await IsInvestorAsync(grains, id))
        {
            return DomainProblems.For(NotFound());
        }

        var result = await TransactionRetry.RunAsync(() => record(grains.GetGrain<IInvestorGrain>(id)), cancellationToken);
        return result.Value is { } statement ? TypedResults.Ok(statement) : DomainProblems.For(result.Error!);
    }

    private static async Task<bool> IsInvestorAsync(IGrainFactory grains, Guid userId) =>
        await grains.GetGrain<IUserGrain>(userId).GetAsync() is { } account && account.Roles.Contains(Roles.Investor);

    private static DomainError NotFound() => new(ErrorCodes.InvestorNotFound, "No investor has that id.");
}
