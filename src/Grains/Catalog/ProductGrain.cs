using GrainMarket.Brands;
using GrainMarket.Common;
using GrainMarket.Inventory;
using GrainMarket.Notifications;
using Microsoft.Extensions.Logging;

namespace GrainMarket.Catalog;

[GrainType("product")]
public sealed class ProductGrain(
    [PersistentState("product", PostgresGrainStorage.ProviderName)] IPersistentState<ProductState> product,
    CatalogSettings settings,
    TimeProvider timeProvider,
    ILogger<ProductGrain> logger) : Grain, IProductGrain
{
    private ProductState State => product.State;

    private ICategoryTreeGrain Categories => GrainFactory.GetGrain<ICategoryTreeGrain>(ICategoryTreeGrain.Key);

    private IProductStockGrain Stock => GrainFactory.GetGrain<IProductStockGrain>(this.GetPrimaryKey());

    async Task<Result<ProductInfo>> IProductGrain.CreateAsync(NewProduct listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        if (product.RecordExists)
        {
            return Info();
        }

        if (await Categories.GetAsync(listing.CategoryId) is null)
        {
            return new DomainError(ErrorCodes.CategoryNotFound, $"There is no category {listing.CategoryId}.", "categoryId");
        }

        var brand = listing.BrandId is { } brandId ? await BrandAsync(brandId, listing.SellerId) : null;
        if (brand?.Error is { } notAssignable)
        {
            return notAssignable;
        }

        // Stock first: a product that exists always has units to count, and checkout never meets a product without
        // them. Initializing is idempotent, so a retry after an aborted stock transaction is safe.
        var status = settings.ModerationRequired ? ProductStatus.Pending : ProductStatus.Active;
        await Stock.InitializeAsync(listing.Stock, purchasable: status == ProductStatus.Active);
        var category = await Categories.AttachProductAsync(listing.CategoryId);
        if (!category.Succeeded)
        {
            return category.Error!;
        }

        State.SellerId = listing.SellerId;
        State.CategoryId = listing.CategoryId;
        State.Title = listing.Title;
        State.Description = listing.Description;
        State.Price = listing.Price;
        State.Images = [.. listing.Images];
        State.WeightGrams = listing.WeightGrams;
        (State.BrandId, State.BrandName) = (brand?.Value?.Id, brand?.Value?.Name);
        State.Status = status;
        State.CreatedAt = timeProvider.GetUtcNow();
        await product.WriteStateAsync();
        logger.LogInformation("Product {ProductId} listed by seller {SellerId} in category {CategoryId} as {ProductStatus}", this.GetPrimaryKey(), listing.SellerId, listing.CategoryId, State.Status);
        return Info();
    }

    Task<ProductInfo?> IProductGrain.GetAsync() => Task.FromResult(product.RecordExists ? Info() : null);

    async Task<Result<ProductInfo>> IProductGrain.UpdateAsync(Requester requester, ProductUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (CheckAccess(requester, allowAdmin: true) is { } refused)
        {
            return refused;
        }

        var brand = update.BrandId is { } brandId && brandId != State.BrandId ? await BrandAsync(brandId, State.SellerId) : null;
        if (brand?.Error is { } notAssignable)
        {
            return notAssignable;
        }

        var previousCategory = State.CategoryId;
        if (update.CategoryId is { } categoryId && categoryId != previousCategory)
        {
            var category = await Categories.AttachProductAsync(categoryId);
            if (!category.Succeeded)
            {
                return category.Error!;
            }

            State.CategoryId = categoryId;
        }

        // With moderation on, what an admin approved is what is listed: a seller's change of what the listing says or
        // shows (not of its price, which checkout's expected total guards) sends it back to review.
        var backToReview = settings.ModerationRequired && !requester.IsAdmin && State.Status == ProductStatus.Active
            && ((update.Title is { } title && title != State.Title)
                || (update.Description is { } description && description != State.Description)
                || (update.Images is { } changed && !changed.SequenceEqual(State.Images))
                || State.CategoryId != previousCategory);
        if (backToReview)
        {
            // The stock closes first, as in moderation: a retry after a failure in between closes it again.
            await Stock.SetPurchasableAsync(false);
            State.Status = ProductStatus.Pending;
        }

        State.Title = update.Title ?? State.Title;
        State.Description = update.Description ?? State.Description;
        State.Price = update.Price ?? State.Price;
        State.Images = update.Images is { } images ? [.. images] : State.Images;
        State.WeightGrams = update.WeightGrams ?? State.WeightGrams;
        if (brand?.Value is { } assigned)
        {
            (State.BrandId, State.BrandName) = (assigned.Id, assigned.Name);
        }
        else if (update.ClearBrand)
        {
            (State.BrandId, State.BrandName) = (null, null);
        }

        await product.WriteStateAsync();
        if (backToReview)
        {
            logger.LogInformation("Product {ProductId} edited by its seller goes back to review", this.GetPrimaryKey());
        }

        if (State.CategoryId != previousCategory)
        {
            await Categories.DetachProductAsync(previousCategory);
        }

        return Info();
    }

    async Task<Result<StockLevels>> IProductGrain.AdjustStockAsync(Requester requester, long delta)
    {
        if (CheckAccess(requester, allowAdmin: false) is { } refused)
        {
            return refused;
        }

        var levels = await Stock.AdjustAsync(delta);
        if (levels.Succeeded)
        {
            logger.LogInformation("Stock of product {ProductId} adjusted by {StockDelta}: {AvailableUnits} available", this.GetPrimaryKey(), delta, levels.Value!.Available);
        }

        return levels;
    }

    async Task<Result<ProductInfo>> IProductGrain.ArchiveAsync(Requester requester)
    {
        if (CheckAccess(requester, allowAdmin: true) is { } refused)
        {
            return refused;
        }

        // Closed to reservations before the product says archived: a retry after a failure in between closes again.
        await Stock.SetPurchasableAsync(false);
        State.Status = ProductStatus.Archived;
        await product.WriteStateAsync();
        await Categories.DetachProductAsync(State.CategoryId);
        logger.LogInformation("Product {ProductId} archived by {UserId}", this.GetPrimaryKey(), requester.UserId);
        return Info();
    }

    Task<Result<ProductInfo>> IProductGrain.ApproveAsync() => ModerateAsync(ProductStatus.Active, null);

    Task<Result<ProductInfo>> IProductGrain.RejectAsync(string reason) => ModerateAsync(ProductStatus.Rejected, reason);

    private async Task<Result<ProductInfo>> ModerateAsync(string status, string? reason)
    {
        if (!product.RecordExists || !State.IsLive)
        {
            return NotFound();
        }

        if (State.Status != ProductStatus.Pending)
        {
            return new DomainError(ErrorCodes.ProductNotPending, $"The product is {State.Status}, not pending.");
        }

        // The stock follows first, so that a retry after a failure in between repeats both steps.
        await Stock.SetPurchasableAsync(status == ProductStatus.Active);
        State.Status = status;
        State.RejectionReason = reason;
        await product.WriteStateAsync();
        if (status == ProductStatus.Rejected)
        {
            await Categories.DetachProductAsync(State.CategoryId);
        }

        logger.LogInformation("Product {ProductId} moderated: {ProductStatus}", this.GetPrimaryKey(), status);
        await NotifySellerAsync(status, reason);
        return Info();
    }

    /// <summary>
    /// Tells the seller how moderation went, after the write. A product may be moderated again after an edit sends it back
    /// to review, so the id names the moment; a retried call finds the product no longer pending and tells no one twice.
    /// </summary>
    private Task NotifySellerAsync(string status, string? reason)
    {
        var now = timeProvider.GetUtcNow();
        var id = this.GetPrimaryKey();
        var (type, title, body) = status == ProductStatus.Active
            ? (NotificationTypes.ProductApproved, "Your product was approved", $"\"{State.Title}\" is now listed.")
            : (NotificationTypes.ProductRejected, "Your product was rejected", $"\"{State.Title}\": {reason}");
        return GrainFactory.GetGrain<INotificationInboxGrain>(State.SellerId)
            .AddAsync(new Notification($"{type}:{id:N}:{now.ToUnixTimeMilliseconds()}", type, title, body, $"/api/products/{id}", now));
    }

    /// <summary>The brand <paramref name="brandId"/> when it is approved and <paramref name="sellerId"/>'s; brand-not-assignable naming <c>brandId</c> otherwise.</summary>
    private async Task<Result<BrandView>> BrandAsync(Guid brandId, Guid sellerId) =>
        await GrainFactory.GetGrain<IBrandGrain>(brandId).GetAsync() is { Status: BrandStatuses.Approved } brand && brand.SellerId == sellerId
            ? brand
            : new DomainError(ErrorCodes.BrandNotAssignable, $"Brand {brandId} is not an approved brand of the product's seller.", "brandId");

    /// <summary>Not found for a product that does not exist or is no longer live; forbidden for anyone but the owner (and admins when allowed).</summary>
    private DomainError? CheckAccess(Requester requester, bool allowAdmin)
    {
        ArgumentNullException.ThrowIfNull(requester);
        if (!product.RecordExists || !State.IsLive)
        {
            return NotFound();
        }

        return requester.UserId == State.SellerId || (allowAdmin && requester.IsAdmin)
            ? null
            : new DomainError(ErrorCodes.Forbidden, "Only the product's seller may change it.");
    }

    async Task<Result<ProductInfo>> IProductGrain.SetDiscountAsync(Requester requester, Promotions.ProductDiscount? discount)
    {
        if (CheckAccess(requester, allowAdmin: true) is { } refused)
        {
            return refused;
        }

        State.Discount = discount;
        await product.WriteStateAsync();
        logger.LogInformation("Product {ProductId} discount set by {UserId}: {Discount}", this.GetPrimaryKey(), requester.UserId, discount);
        return Info();
    }

    private DomainError NotFound() => new(ErrorCodes.ProductNotFound, $"There is no product {this.GetPrimaryKey()}.");

    private ProductInfo Info() => new(
        this.GetPrimaryKey(),
        State.SellerId,
        State.CategoryId,
        State.Title,
        State.Description,
        State.Price,
        [.. State.Images],
        // The product's rating tally grain owns its rating (reviews change it in their transactions); readers take it from there.
        new ProductRating(0, 0),
        State.Status,
        State.RejectionReason,
        State.CreatedAt,
        WeightGrams(State),
        State.BrandId,
        State.BrandName)
    {
        Discount = State.Discount,
    };

    private static int WeightGrams(ProductState state) => state.WeightGrams > 0 ? state.WeightGrams : ProductWeights.DefaultGrams;
}
