using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using GrainMarket.ApiGateway.Apis.Promoters;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.OpenApi;
using GrainMarket.ApiGateway.ReadModels;
using GrainMarket.Catalog;
using GrainMarket.Common;
using GrainMarket.Promoters;
using GrainMarket.Promotions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Orleans;

namespace GrainMarket.ApiGateway.Apis;

/// <summary>
/// Promoters (docs/promoters.md): their referral codes and links, the public link that sets the referral cookie and
/// counts a click, their subscription, and their dashboard from the read models.
/// </summary>
public static class PromotersApi
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 200;

    /// <summary>The longest dashboard range, in days.</summary>
    private const int MaxDays = 366;

    public static IEndpointRouteBuilder MapPromotersApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/r/{code}", FollowAsync).WithTags("Promoters").AllowAnonymous()
            .WithSummary("Follow a promoter's referral link to the product or the home page.");

        var promoter = app.MapGroup("/api/promoter").WithTags("Promoters").RequireAuthorization(Policies.Promoter);
        promoter.MapPost("/referrals", CreateAsync).WithMetadata(new IdempotentAttribute()).WithSummary("Create a referral code, store-wide or for one product.").ProducesProblems(ErrorCodes.ReferralCodeTaken, ErrorCodes.ProductNotFound);
        promoter.MapGet("/referrals", ListAsync).WithSummary("List your referral codes with their clicks.");
        promoter.MapPost("/referrals/{code}/deactivate", DeactivateAsync).WithSummary("Stop one of your referral codes from referring orders.").ProducesProblems(ErrorCodes.Validation, ErrorCodes.ReferralCodeNotFound);
        promoter.MapPost("/subscription", SubscribeAsync).WithMetadata(new IdempotentAttribute()).WithSummary("Pay for a month as a paid promoter from your wallet, renewed monthly.").ProducesProblems(ErrorCodes.InsufficientFunds);
        promoter.MapDelete("/subscription", CancelAsync).WithSummary("Stop renewing your promoter subscription at the end of the paid month.");
        promoter.MapGet("/dashboard", DashboardAsync).WithSummary("See your clicks, referred orders and commission per day.");
        return app;
    }

    /// <summary>
    /// Leads on whatever the code: an active code sets the referral cookie and counts a click (within the caller's rate
    /// limit: beyond it the link still leads on, uncounted); anything else leads home and sets nothing.
    /// </summary>
    public static async Task<RedirectHttpResult> FollowAsync(string code, HttpContext http, IGrainFactory grains, UsageRateLimits limits, ReferralSettings settings, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(settings);
        if (!CouponCodes.IsValid(code))
        {
            return TypedResults.Redirect(settings.Landing(null));
        }

        var referral = Referral(grains, code);
        using var lease = limits.Acquire(UsageRateLimits.ReferralClick, UsageRateLimits.CallerOf(http));
        var view = lease.IsAcquired ? await referral.ClickAsync() : await referral.GetAsync();
        if (view is not { Active: true })
        {
            return TypedResults.Redirect(settings.Landing(null));
        }

        ReferralCookie.Set(http, view.Code, time.GetUtcNow(), settings.Window);
        return TypedResults.Redirect(settings.Landing(view.ProductId));
    }

    public static async Task<Results<Created<ReferralResponse>, ProblemHttpResult>> CreateAsync(CreateReferralRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(grains);
        var invalid = Validation.First(
            request.Code is null || CouponCodes.IsValid(request.Code) ? null : DomainError.Invalid("code", "must be 3 to 32 letters, digits, '-' or '_'"),
            request.ProductId == Guid.Empty ? DomainError.Invalid("productId", "must not be empty") : null);
        if (invalid is not null)
        {
            return DomainProblems.For(invalid);
        }

        if (request.ProductId is { } productId && await grains.GetGrain<IProductGrain>(productId).GetAsync() is not { Status: ProductStatus.Active })
        {
            return DomainProblems.For(new DomainError(ErrorCodes.ProductNotFound, $"There is no product {productId} for sale.", "productId"));
        }

        var code = request.Code ?? $"R{Convert.ToHexString(RandomNumberGenerator.GetBytes(5))}";
        var created = await Referral(grains, code).CreateAsync(user.UserId(), request.ProductId);
        return created.Value is { } referral
            ? TypedResults.Created($"/api/promoter/referrals/{referral.Code}", ReferralResponse.From(referral))
            : DomainProblems.For(created.Error!);
    }

    public static async Task<Results<Ok<ReferralPage>, ProblemHttpResult>> ListAsync(string? limit, string? cursor, ClaimsPrincipal user, ReadModelDatabase readModels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readModels);
        var invalid = Validation.First(
            Validation.PageSize(limit, "limit", DefaultPageSize, MaxPageSize, out var size),
            cursor is null || CouponCodes.IsValid(cursor) ? null : DomainError.Invalid("cursor", "is not a cursor this API returned"));
        return invalid is not null
            ? DomainProblems.For(invalid)
            : TypedResults.Ok(await PromoterQueries.ListAsync(readModels.DataSource, user.UserId(), cursor is null ? null : CouponCodes.Normalize(cursor), size, cancellationToken));
    }

    public static async Task<Results<Ok<ReferralResponse>, ProblemHttpResult>> DeactivateAsync(string code, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!CouponCodes.IsValid(code))
        {
            return DomainProblems.Invalid("code", "must be 3 to 32 letters, digits, '-' or '_'");
        }

        var changed = await Referral(grains, code).DeactivateAsync(user.UserId());
        return changed.Value is { } referral ? TypedResults.Ok(ReferralResponse.From(referral)) : DomainProblems.For(changed.Error!);
    }

    public static async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> SubscribeAsync(ClaimsPrincipal user, IGrainFactory grains, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(time);
        var subscribed = await grains.GetGrain<IPromoterGrain>(user.UserId()).SubscribeAsync();
        return subscribed.Value is { } view ? TypedResults.Ok(SubscriptionResponse.From(view, time.GetUtcNow())) : DomainProblems.For(subscribed.Error!);
    }

    public static async Task<Ok<SubscriptionResponse>> CancelAsync(ClaimsPrincipal user, IGrainFactory grains, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(time);
        return TypedResults.Ok(SubscriptionResponse.From(await grains.GetGrain<IPromoterGrain>(user.UserId()).CancelSubscriptionAsync(), time.GetUtcNow()));
    }

    /// <summary>From <c>from</c> to <c>to</c> (UTC dates, both included; default the last 30 days to today), at most a year.</summary>
    public static async Task<Results<Ok<PromoterDashboard>, ProblemHttpResult>> DashboardAsync(
        [FromQuery] string? from, [FromQuery] string? to, ClaimsPrincipal user, IGrainFactory grains, ReadModelDatabase readModels, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(readModels);
        ArgumentNullException.ThrowIfNull(time);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var invalid = Validation.First(Day(to, "to", today, out var last), Day(from, "from", last.AddDays(-29), out var first));
        invalid ??= first > last ? DomainError.Invalid("from", "must not be after to")
            : last.DayNumber - first.DayNumber >= MaxDays ? DomainError.Invalid("from", $"must be at most {MaxDays} days before to")
            : null;
        if (invalid is not null)
        {
            return DomainProblems.For(invalid);
        }

        var days = await PromoterQueries.DaysAsync(readModels.DataSource, user.UserId(), first, last, cancellationToken);
        var account = await grains.GetGrain<IPromoterGrain>(user.UserId()).GetAsync();
        var totals = new DashboardDay(first, days.Sum(d => d.Clicks), days.Sum(d => d.ReferredOrders), days.Sum(d => d.PendingCommission), days.Sum(d => d.PaidCommission), days.Sum(d => d.ClawedBackCommission));
        return TypedResults.Ok(new PromoterDashboard(first, last, days, totals, account.Debt, account.PaidUntil, account.Renews));
    }

    private static DomainError? Day(string? value, string field, DateOnly fallback, out DateOnly day)
    {
        day = fallback;
        return value is null || DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day)
            ? null
            : DomainError.Invalid(field, "must be a date such as 2026-12-04");
    }

    private static IReferralCodeGrain Referral(IGrainFactory grains, string code) => grains.GetGrain<IReferralCodeGrain>(CouponCodes.Normalize(code));
}
