using System.Security.Claims;
using GrainMarket.ApiGateway.Apis.Returns;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.OpenApi;
using GrainMarket.ApiGateway.Payments;
using GrainMarket.ApiGateway.ReadModels;
using GrainMarket.Common;
using GrainMarket.Orders;
using GrainMarket.Returns;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans;

namespace GrainMarket.ApiGateway.Apis;

/// <summary>
/// Returns: the buyer requests one (Idempotency-Key as checkout: a retry returns the same return); its seller approves
/// or rejects it, a courier picks it up, the seller receives it, the courier inspects every unit, and an admin decides:
/// refund, replace or close (admins may take every step). Lists for the buyer, seller, courier and admins; one return
/// for its parties and admins (404 for anyone else).
/// </summary>
public static class ReturnsApi
{
    public static IEndpointRouteBuilder MapReturnsApi(this IEndpointRouteBuilder app)
    {
        var returns = app.MapGroup("/api/returns").WithTags("Returns").RequireAuthorization();
        returns.MapPost("/", RequestAsync).RequireAuthorization(Policies.Buyer).WithMetadata(new IdempotentAttribute()).WithSummary("Ask to return items of a delivered order.").ProducesProblems(ErrorCodes.OrderNotFound, ErrorCodes.OrderNotReturnable, ErrorCodes.ReturnWindowClosed, ErrorCodes.ReturnQuantityExceeded, ErrorCodes.ReturnOpen);
        returns.MapGet("/", ListAsync).WithSummary("List returns you are part of, optionally by status.");
        returns.MapGet("/{id:guid}", GetAsync).WithSummary("Get a return.").ProducesProblems(ErrorCodes.ReturnNotFound);
        returns.MapPost("/{id:guid}/approve", (Guid id, ClaimsPrincipal user, IGrainFactory grains, MarketplaceSettings settings) => StepAsync(id, user, grains, settings, (r, a) => r.ApproveAsync(a))).RequireAuthorization(Policies.SellerOrAdmin).WithSummary("Approve a return of your products.").ProducesProblems(ErrorCodes.ReturnNotFound, ErrorCodes.InvalidReturnTransition);
        returns.MapPost("/{id:guid}/reject", RejectAsync).RequireAuthorization(Policies.SellerOrAdmin).WithSummary("Refuse a return, with a reason.").ProducesProblems(ErrorCodes.ReturnNotFound, ErrorCodes.InvalidReturnTransition);
        returns.MapPost("/{id:guid}/pickup", (Guid id, ClaimsPrincipal user, IGrainFactory grains, MarketplaceSettings settings) => StepAsync(id, user, grains, settings, (r, a) => r.PickUpAsync(a))).RequireAuthorization(Policies.CourierOrAdmin).WithSummary("Pick up the returned items from the buyer.").ProducesProblems(ErrorCodes.ReturnNotFound, ErrorCodes.InvalidReturnTransition);
        returns.MapPost("/{id:guid}/receive", (Guid id, ClaimsPrincipal user, IGrainFactory grains, MarketplaceSettings settings) => StepAsync(id, user, grains, settings, (r, a) => r.ReceiveAsync(a))).RequireAuthorization(Policies.SellerOrAdmin).WithSummary("Receive the returned items at the seller.").ProducesProblems(ErrorCodes.ReturnNotFound, ErrorCodes.InvalidReturnTransition);
        returns.MapPost("/{id:guid}/inspection", InspectAsync).RequireAuthorization(Policies.CourierOrAdmin).WithSummary("Record the condition of each returned item.").ProducesProblems(ErrorCodes.ReturnNotFound, ErrorCodes.InvalidReturnTransition);
        returns.MapPost("/{id:guid}/decision", DecideAsync).RequireAuthorization(Policies.Admin).WithSummary("Decide a disputed return and refund the buyer.").ProducesProblems(ErrorCodes.ReturnNotFound, ErrorCodes.InvalidReturnTransition, ErrorCodes.SellerFundsInsufficient, ErrorCodes.RefundExceedsPaid, ErrorCodes.PaymentProviderFailed);
        return app;
    }

    public static async Task<Results<Created<ReturnResponse>, ProblemHttpResult>> RequestAsync(CreateReturnRequest request, HttpContext http, IGrainFactory grains, MarketplaceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(http);
        if (request.Check() is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        var buyerId = http.User.UserId();
        var returnId = ReturnIds.FromIdempotencyKey(buyerId, http.Request.Headers[IdempotencyMiddleware.Header].ToString());
        var result = await grains.GetGrain<IReturnGrain>(returnId).RequestAsync(request.ToCommand(buyerId));
        return result.Value is { } opened
            ? TypedResults.Created($"/api/returns/{opened.Id}", ReturnResponse.From(opened, settings.Currency))
            : DomainProblems.For(result.Error!);
    }

    public static async Task<Results<Ok<ReturnPage>, ProblemHttpResult>> ListAsync(
        string? status, int? limit, string? cursor, ClaimsPrincipal user, ReadModelDatabase readModels, MarketplaceSettings settings, CancellationToken cancellationToken)
    {
        var invalid = Validation.First(
            Validation.Range(limit, "limit", 1, 100),
            status is null || ReturnStatuses.All.Contains(status) ? null : DomainError.Invalid("status", $"must be one of {string.Join(", ", ReturnStatuses.All)}"));
        if (invalid is not null)
        {
            return DomainProblems.For(invalid);
        }

        var admin = user.IsAdmin();
        return PageCursor.TryParse(cursor, out var afterTime, out var afterId)
            ? TypedResults.Ok(await ReturnQueries.ListAsync(readModels.DataSource, admin ? null : user.UserId(), !admin && user.ActiveRole() == Roles.Courier, status, limit ?? 20, afterTime, afterId, settings.Currency, cancellationToken))
            : DomainProblems.Invalid("cursor", "is not a cursor this API returned");
    }

    public static async Task<Results<Ok<ReturnResponse>, ProblemHttpResult>> GetAsync(Guid id, ClaimsPrincipal user, IGrainFactory grains, MarketplaceSettings settings)
    {
        var found = await grains.GetGrain<IReturnGrain>(id).GetAsync();
        return found is not null && (user.IsAdmin() || found.IsParty(user.UserId()))
            ? TypedResults.Ok(ReturnResponse.From(found, settings.Currency))
            : DomainProblems.For(new DomainError(ErrorCodes.ReturnNotFound, "The return was not found."));
    }

    public static async Task<Results<Ok<ReturnResponse>, ProblemHttpResult>> RejectAsync(Guid id, RejectReturnRequest request, ClaimsPrincipal user, IGrainFactory grains, MarketplaceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Validation.Required(request.Reason, "reason", 1000) is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        return await StepAsync(id, user, grains, settings, (r, a) => r.RejectAsync(a, request.Reason!.Trim()));
    }

    public static async Task<Results<Ok<ReturnResponse>, ProblemHttpResult>> InspectAsync(Guid id, InspectionRequest request, ClaimsPrincipal user, IGrainFactory grains, MarketplaceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Check() is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        return await StepAsync(id, user, grains, settings, (r, a) => r.InspectAsync(a, request.ToLines()));
    }

    /// <summary>
    /// An admin's decision. A refund of an order a provider paid is recorded (the money back in the buyer's wallet and out
    /// again, WITHDRAWAL) and then sent back through the provider under the return's own key: when the provider cannot be
    /// reached the answer is 502, and deciding <c>refund</c> again sends it again (nothing moves twice).
    /// </summary>
    public static async Task<Results<Ok<ReturnResponse>, ProblemHttpResult>> DecideAsync(
        Guid id, DecisionRequest request, ClaimsPrincipal user, IGrainFactory grains, MarketplaceSettings settings, PaymentProviders providers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Outcome is null || !ReturnOutcomes.All.Contains(request.Outcome))
        {
            return DomainProblems.Invalid("outcome", $"must be one of {string.Join(", ", ReturnOutcomes.All)}");
        }

        var returns = grains.GetGrain<IReturnGrain>(id);
        var decided = await returns.DecideAsync(new Actor(user.UserId(), user.IsAdmin()), new ReturnDecision(request.Outcome, request.SellerAtFault ?? false));
        var view = decided.Value;
        if (view is null && decided.Error!.Code == ErrorCodes.InvalidReturnTransition && request.Outcome == ReturnOutcomes.Refund
            && await returns.GetAsync() is { Refund.PaymentId: not null } refunded)
        {
            // Decided before, and its provider refund perhaps not sent: send it again under the same key.
            view = refunded;
        }

        if (view is null)
        {
            return DomainProblems.For(decided.Error!);
        }

        if (view.Refund is { Provider: { } providerName, PaymentId: { } paymentId } refund)
        {
            try
            {
                var provider = providers.Find(providerName) ?? throw new PaymentProviderException($"{providerName} is not configured on this gateway.");
                await provider.RefundAsync(new RefundRequest(ReturnIds.ToProvider(id), paymentId, refund.Amount), cancellationToken);
            }
            catch (PaymentProviderException exception)
            {
                return DomainProblems.For(new DomainError(ErrorCodes.PaymentProviderFailed, $"{exception.Message} The refund of return {id} is recorded; decide refund again to send it to the payer."));
            }
        }

        return TypedResults.Ok(ReturnResponse.From(view, settings.Currency));
    }

    private static async Task<Results<Ok<ReturnResponse>, ProblemHttpResult>> StepAsync(
        Guid id, ClaimsPrincipal user, IGrainFactory grains, MarketplaceSettings settings, Func<IReturnGrain, Actor, Task<Result<ReturnView>>> step)
    {
        var result = await step(grains.GetGrain<IReturnGrain>(id), new Actor(user.UserId(), user.IsAdmin()));
        return result.Value is { } found ? TypedResults.Ok(ReturnResponse.From(found, settings.Currency)) : DomainProblems.For(result.Error!);
    }
}
