using System.Security.Claims;
using GrainMarket.ApiGateway.Apis.Payouts;
using GrainMarket.ApiGateway.Apis.Wallets;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.OpenApi;
using GrainMarket.ApiGateway.Payments;
using GrainMarket.ApiGateway.ReadModels;
using GrainMarket.Common;
using GrainMarket.Payments;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans;

namespace GrainMarket.ApiGateway.Apis;

/// <summary>
/// Stripe Connect payouts (docs/payments.md): a seller links a connected account and onboards at the provider; once it
/// can receive transfers, settlement pays the seller by a transfer of their share, which admins follow in a list.
/// </summary>
public static class PayoutsApi
{
    public static IEndpointRouteBuilder MapPayoutsApi(this IEndpointRouteBuilder app)
    {
        var seller = app.MapGroup("/api/seller/payout-account").WithTags("Payouts").RequireAuthorization(Policies.Seller);
        seller.MapPost("", LinkAsync).WithSummary("Link a payout account (or get a fresh onboarding link for yours) so that your sales are paid by transfer.")
            .ProducesProblems(ErrorCodes.NotFound, ErrorCodes.PaymentProviderFailed);
        seller.MapGet("", GetAsync).WithSummary("See your payout account and whether it can receive transfers.").ProducesProblems(ErrorCodes.NotFound);
        app.MapGet("/api/admin/payouts", ListAsync).WithTags("Admin: payouts").RequireAuthorization(Policies.Admin)
            .WithSummary("List the settlement transfers to sellers' payout accounts, newest first, optionally by status.");
        return app;
    }

    /// <summary>
    /// Creates the seller's connected account the first time (the provider's idempotency key derives from the seller, so
    /// a retry finds the same account) and links it; every call answers that account with a fresh onboarding link.
    /// </summary>
    public static async Task<Results<Ok<PayoutAccountResponse>, ProblemHttpResult>> LinkAsync(
        HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, PayoutProviders providers, PayoutSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (providers.Default is not { } provider)
        {
            return DomainProblems.NotFound("A payout provider");
        }

        var sellerId = user.UserId();
        var accounts = grains.GetGrain<IPayoutAccountGrain>(sellerId);
        try
        {
            if (await accounts.GetAsync() is not { } account)
            {
                var accountId = await provider.CreateAccountAsync(sellerId, cancellationToken);
                account = await TransactionRetry.RunAsync(() => accounts.LinkAsync(provider.Name, accountId), cancellationToken);
            }

            var origin = settings.PublicUrl ?? $"{request.Scheme}://{request.Host}";
            var link = await provider.CreateOnboardingLinkAsync(account.AccountId, new Uri($"{origin}/seller/payout-account?onboarding=refresh"), new Uri($"{origin}/seller/payout-account?onboarding=done"), cancellationToken);
            return TypedResults.Ok(PayoutAccountResponse.From(account, link));
        }
        catch (PaymentProviderException exception)
        {
            return DomainProblems.For(new DomainError(ErrorCodes.PaymentProviderFailed, $"{exception.Message} Try again: the same account is used."));
        }
    }

    public static async Task<Results<Ok<PayoutAccountResponse>, ProblemHttpResult>> GetAsync(ClaimsPrincipal user, IGrainFactory grains) =>
        await grains.GetGrain<IPayoutAccountGrain>(user.UserId()).GetAsync() is { } account
            ? TypedResults.Ok(PayoutAccountResponse.From(account))
            : DomainProblems.NotFound("A payout account of yours");

    public static async Task<Results<Ok<PayoutTransferPage>, ProblemHttpResult>> ListAsync(
        string? status, string? limit, string? cursor, ReadModelDatabase readModels, MarketplaceSettings settings, CancellationToken cancellationToken)
    {
        if (status is not null && !PayoutTransferStatuses.All.Contains(status, StringComparer.Ordinal))
        {
            return DomainProblems.Invalid("status", $"must be one of {string.Join(", ", PayoutTransferStatuses.All)}");
        }

        if (Paging.Check(limit, cursor, out var size, out var before) is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        return TypedResults.Ok(await PayoutQueries.ListAsync(readModels.DataSource, status, size, before, settings.Currency, cancellationToken));
    }
}
