using System.Security.Claims;
using System.Text.Json;
using GrainMarket.ApiGateway.Analytics;
using GrainMarket.ApiGateway.Apis.Catalog;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Caching;
using GrainMarket.ApiGateway.Extensions;
using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.OpenApi;
using GrainMarket.ApiGateway.ReadModels;
using GrainMarket.Catalog;
using GrainMarket.Common;
using GrainMarket.Inventory;
using GrainMarket.Reviews;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans;

namespace GrainMarket.ApiGateway.Apis;

/// <summary>
/// Products: search and details for everyone, listing for sellers, changes for the owner (or an admin), stock for the
/// owner, moderation for admins. Only active products are found and shown to everyone; the others only to their
/// seller and admins.
/// </summary>
public static class ProductsApi
{
    private const int MaxTitleLength = 200;
    private const int MaxDescriptionLength = 5000;
    private const int MaxImages = 10;

    /// <summary>The highest price (minor units): the largest single amount a wallet moves, so no order total can overflow.</summary>
    private const long MaxPrice = GrainMarket.Wallets.WalletKeys.MaxAmount / 10_000;

    /// <summary>The most units a product holds or one stock change moves.</summary>
    private const long MaxUnits = 1_000_000_000;

    public static IEndpointRouteBuilder MapProductsApi(this IEndpointRouteBuilder app)
    {
        var products = app.MapGroup("/api/products").WithTags("Products").AddEndpointFilter(CatalogCache.EvictAfterWriteAsync);
        products.MapGet("/", SearchAsync).WithMetadata(new UsageRateLimits.Limit(UsageRateLimits.Search)).WithSummary("Search the catalog by text, category, price, rating, seller or brand.").WithCatalogCaching();
        products.MapGet("/{id:guid}", GetAsync).WithSummary("Get a product.").ProducesProblems(ErrorCodes.ProductNotFound).WithConditionalGet();
        products.MapPost("/", CreateAsync).RequireAuthorization(Policies.Seller).WithSummary("List a product for sale (it waits for approval).").ProducesProblems(ErrorCodes.CategoryNotFound, ErrorCodes.BrandNotAssignable);
        products.MapPatch("/{id:guid}", UpdateAsync).RequireAuthorization().WithSummary("Change your product's listing.").ProducesProblems(ErrorCodes.ProductNotFound, ErrorCodes.CategoryNotFound, ErrorCodes.BrandNotAssignable);
        products.MapPost("/{id:guid}/stock", AdjustStockAsync).RequireAuthorization(Policies.Seller).WithSummary("Add or remove stock of your product.").ProducesProblems(ErrorCodes.ProductNotFound, ErrorCodes.StockBelowReserved);
        products.MapDelete("/{id:guid}", ArchiveAsync).RequireAuthorization().WithSummary("Stop selling your product.").ProducesProblems(ErrorCodes.ProductNotFound);

        var admin = app.MapGroup("/api/admin/products").WithTags("Admin: products").RequireAuthorization(Policies.Admin).AddEndpointFilter(CatalogCache.EvictAfterWriteAsync);
        admin.MapGet("/", ListForAdminAsync).WithSummary("List products in one status, by default those waiting for approval.");
        admin.MapPost("/{id:guid}/approve", ApproveAsync).WithSummary("Approve a product waiting for approval.").ProducesProblems(ErrorCodes.ProductNotFound, ErrorCodes.ProductNotPending);
        admin.MapPost("/{id:guid}/reject", RejectAsync).WithSummary("Reject a product waiting for approval, with a reason.").ProducesProblems(ErrorCodes.ProductNotFound, ErrorCodes.ProductNotPending);
        return app;
    }

    public static async Task<Results<Ok<ProductPage>, ProblemHttpResult>> SearchAsync(
        [AsParameters] ProductSearchRequest request, ReadModelDatabase database, MarketplaceSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(settings);
        var query = ProductQuery.Parse(request);
        if (!query.Succeeded)
        {
            return DomainProblems.For(query.Error!);
        }

        return TypedResults.Ok(await ProductSearch.RunAsync(database.DataSource, query.Value!, settings.Currency, cancellationToken));
    }

    /// <summary>Products in one status for admins, newest first: <c>pending</c> (the default) is the approval queue.</summary>
    public static async Task<Results<Ok<ProductPage>, ProblemHttpResult>> ListForAdminAsync(
        string? status, string? q, string? limit, string? cursor, ReadModelDatabase database, MarketplaceSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(settings);
        if (status is not null && !ProductStatus.All.Contains(status))
        {
            return DomainProblems.Invalid("status", $"must be one of {string.Join(", ", ProductStatus.All)}");
        }

        var query = ProductQuery.Parse(new ProductSearchRequest(q, null, null, null, null, null, null, limit, cursor));
        return query.Value is { } parsed
            ? TypedResults.Ok(await ProductSearch.RunAsync(database.DataSource, parsed with { Status = status ?? ProductStatus.Pending }, settings.Currency, cancellationToken))
            : DomainProblems.For(query.Error!);
    }

    public static async Task<Results<Ok<ProductResponse>, ProblemHttpResult>> GetAsync(
        Guid id, ClaimsPrincipal user, IGrainFactory grains, MarketplaceSettings settings, TimeProvider time, ProductViews views, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(views);
        var product = await grains.GetGrain<IProductGrain>(id).GetAsync();
        if (product is null || !(product.Status == ProductStatus.Active || IsOwnerOrAdmin(user, product)))
        {
            return DomainProblems.For(new DomainError(ErrorCodes.ProductNotFound, $"There is no product {id}."));
        }

        // A seller looking at their own listing is not a shopper's view (docs/analytics.md).
        if (product.Status == ProductStatus.Active && !(user.Identity?.IsAuthenticated == true && user.UserId() == product.SellerId))
        {
            views.Count(id);
        }

        var response = await WithStockAsync(product, grains, settings, cancellationToken);
        return TypedResults.Ok(response with { DiscountedPrice = await DiscountsApi.DiscountedPriceAsync(product, grains, time), Discount = product.Discount });
    }

    public static async Task<Results<Created<ProductResponse>, ProblemHttpResult>> CreateAsync(
        CreateProductRequest request, ClaimsPrincipal user, IGrainFactory grains, MarketplaceSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(settings);
        var invalid = Validation.First(
            Validation.Required(request.Title, "title", MaxTitleLength),
            Validation.Optional(request.Description, "description", MaxDescriptionLength),
            request.CategoryId is null ? DomainError.Invalid("categoryId", "is required") : null,
            Validation.Positive(request.Price, "price") ?? Validation.AtMost(request.Price, "price", MaxPrice),
            Validation.NotNegative(request.Stock, "stock") ?? Validation.AtMost(request.Stock, "stock", MaxUnits),
            Validation.Images(request.Images, MaxImages),
            WeightRule(request.WeightGrams));
        if (invalid is not null)
        {
            return DomainProblems.For(invalid);
        }

        var id = Guid.NewGuid();
        var listing = new NewProduct(user.UserId(), request.Title!.Trim(), request.Description ?? "", request.CategoryId!.Value, request.Price!.Value, request.Stock!.Value, request.Images ?? [], request.WeightGrams ?? ProductWeights.DefaultGrams, request.BrandId);
        var created = await TransactionRetry.RunAsync(() => grains.GetGrain<IProductGrain>(id).CreateAsync(listing), cancellationToken);
        return created.Succeeded
            ? TypedResults.Created($"/api/products/{id}", ProductResponse.From(created.Value!, listing.Stock, settings.Currency))
            : DomainProblems.For(created.Error!);
    }

    public static async Task<Results<Ok<ProductResponse>, ProblemHttpResult>> UpdateAsync(
        Guid id, UpdateProductRequest request, ClaimsPrincipal user, IGrainFactory grains, MarketplaceSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(grains);
        var brand = BrandChange(request.BrandId);
        var invalid = Validation.First(
            brand.Error,
            request.Title is null ? null : Validation.Required(request.Title, "title", MaxTitleLength),
            Validation.Optional(request.Description, "description", MaxDescriptionLength),
            request.Price is null ? null : Validation.Positive(request.Price, "price") ?? Validation.AtMost(request.Price, "price", MaxPrice),
            Validation.Images(request.Images, MaxImages),
            WeightRule(request.WeightGrams));
        if (invalid is not null)
        {
            return DomainProblems.For(invalid);
        }

        var update = new ProductUpdate(request.Title?.Trim(), request.Description, request.CategoryId, request.Price, request.Images, request.WeightGrams, brand.Value.Id, brand.Value.Clear);
        var updated = await grains.GetGrain<IProductGrain>(id).UpdateAsync(Requester(user), update);
        return await RespondAsync(updated, grains, settings, cancellationToken);
    }

    public static async Task<Results<Ok<StockLevels>, ProblemHttpResult>> AdjustStockAsync(
        Guid id, StockAdjustmentRequest request, ClaimsPrincipal user, IGrainFactory grains, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(grains);
        var invalid = request.Delta is null or 0 ? DomainError.Invalid("delta", "is required and must not be zero")
            : request.Delta is < -MaxUnits or > MaxUnits ? DomainError.Invalid("delta", $"must be between -{MaxUnits} and {MaxUnits}")
            : null;
        if (invalid is not null)
        {
            return DomainProblems.For(invalid);
        }

        var levels = await TransactionRetry.RunAsync(() => grains.GetGrain<IProductGrain>(id).AdjustStockAsync(Requester(user), request.Delta!.Value), cancellationToken);
        return levels.Succeeded ? TypedResults.Ok(levels.Value) : DomainProblems.For(levels.Error!);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> ArchiveAsync(Guid id, ClaimsPrincipal user, IGrainFactory grains, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var archived = await TransactionRetry.RunAsync(() => grains.GetGrain<IProductGrain>(id).ArchiveAsync(Requester(user)), cancellationToken);
        return archived.Succeeded ? TypedResults.NoContent() : DomainProblems.For(archived.Error!);
    }

    public static async Task<Results<Ok<ProductResponse>, ProblemHttpResult>> ApproveAsync(
        Guid id, IGrainFactory grains, MarketplaceSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var approved = await TransactionRetry.RunAsync(() => grains.GetGrain<IProductGrain>(id).ApproveAsync(), cancellationToken);
        return await RespondAsync(approved, grains, settings, cancellationToken);
    }

    public static async Task<Results<Ok<ProductResponse>, ProblemHttpResult>> RejectAsync(
        Guid id, RejectProductRequest request, IGrainFactory grains, MarketplaceSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(grains);
        if (Validation.Required(request.Reason, "reason", 500) is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        var rejected = await TransactionRetry.RunAsync(() => grains.GetGrain<IProductGrain>(id).RejectAsync(request.Reason!.Trim()), cancellationToken);
        return await RespondAsync(rejected, grains, settings, cancellationToken);
    }

    private static async Task<Results<Ok<ProductResponse>, ProblemHttpResult>> RespondAsync(
        Result<ProductInfo> result, IGrainFactory grains, MarketplaceSettings settings, CancellationToken cancellationToken) =>
        result.Succeeded ? TypedResults.Ok(await WithStockAsync(result.Value!, grains, settings, cancellationToken)) : DomainProblems.For(result.Error!);

    private static async Task<ProductResponse> WithStockAsync(ProductInfo product, IGrainFactory grains, MarketplaceSettings settings, CancellationToken cancellationToken)
    {
        var levels = await TransactionRetry.RunAsync(() => grains.GetGrain<IProductStockGrain>(product.Id).GetAsync(), cancellationToken);
        var rating = await TransactionRetry.RunAsync(() => grains.GetGrain<IRatingTallyGrain>(ReviewIds.ProductTally(product.Id)).GetAsync(), cancellationToken);
        return ProductResponse.From(product with { Rating = new ProductRating(rating.Average, rating.Count) }, levels.Available, settings.Currency);
    }

    /// <summary>A change's <c>brandId</c>: absent keeps the brand, <c>null</c> takes it off, a brand id puts that brand on.</summary>
    private static Result<(Guid? Id, bool Clear)> BrandChange(JsonElement brandId) => brandId.ValueKind switch
    {
        JsonValueKind.Undefined => (null, false),
        JsonValueKind.Null => (null, true),
        JsonValueKind.String when brandId.TryGetGuid(out var id) => (id, false),
        _ => DomainError.Invalid("brandId", "must be a brand id, or null to take the brand off"),
    };

    /// <summary>A unit's weight, when given: whole grams from 1 to <see cref="ProductWeights.MaxGrams"/>.</summary>
    private static DomainError? WeightRule(int? weightGrams) =>
        weightGrams is null or (> 0 and <= ProductWeights.MaxGrams) ? null : DomainError.Invalid("weightGrams", $"must be between 1 and {ProductWeights.MaxGrams} grams");

    private static bool IsOwnerOrAdmin(ClaimsPrincipal user, ProductInfo product) =>
        user.Identity?.IsAuthenticated == true && (user.IsAdmin() || user.UserId() == product.SellerId);

    private static Requester Requester(ClaimsPrincipal user) => new(user.UserId(), user.IsAdmin());
}
