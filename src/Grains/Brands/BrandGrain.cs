using GrainMarket.Common;
using GrainMarket.Notifications;
using GrainMarket.Sellers;
using Microsoft.Extensions.Logging;

namespace GrainMarket.Brands;

/// <summary>
/// A brand in transactional state. Its proposal is one transaction with the seller's points (read: the rank must reach
/// <see cref="SellerPointsSettings.BrandRank"/>) and its name's claim; a rejection frees the name in its own
/// transaction. The write carries the brand's <c>brands</c> row (<see cref="BrandProjection"/>); the seller hears of
/// the decision once it committed.
/// </summary>
/// <remarks>
/// Not reentrant: nothing calls back into a brand (it calls the seller's points, its name's claim and the seller's inbox,
/// none of which calls brands; products read brands, brands never call products), so its turns simply queue.
/// </remarks>
[GrainType("brand")]
public sealed class BrandGrain(
    [TransactionalState("brand")] ITransactionalState<BrandState> state,
    ITransactionClient transactions,
    SellerPointsSettings settings,
    TimeProvider timeProvider,
    ILogger<BrandGrain> logger) : Grain, IBrandGrain
{
    private Guid BrandId => this.GetPrimaryKey();

    async Task<Result<BrandView>> IBrandGrain.CreateAsync(NewBrand brand)
    {
        ArgumentNullException.ThrowIfNull(brand);
        DomainError? refusal = null;
        BrandView? created = null;
        var proposed = false;
        await transactions.RunAsync(async () =>
        {
            (refusal, created, proposed) = (null, null, false);
            if (await state.PerformRead(View) is { } existing)
            {
                // The id derives from the seller and the Idempotency-Key: another seller cannot reach this brand by it.
                created = existing.SellerId == brand.SellerId ? existing : null;
                refusal = created is null ? NotFound() : null;
                return true;
            }

            var standing = await GrainFactory.GetGrain<ISellerPointsGrain>(brand.SellerId).GetAsync();
            var required = settings.BrandThreshold;
            if (standing.Points < required.MinPoints)
            {
                refusal = new DomainError(
                    ErrorCodes.RankTooLow,
                    $"Brands are for sellers of rank {required.Name} ({required.MinPoints} points) and above; you are {standing.Rank} with {standing.Points} points.",
                    null,
                    new Dictionary<string, long> { ["requiredPoints"] = required.MinPoints, ["points"] = standing.Points },
                    new Dictionary<string, string> { ["requiredRank"] = required.Name, ["rank"] = standing.Rank });
                return false;
            }

            var holder = await GrainFactory.GetGrain<IBrandNameGrain>(BrandNames.Key(brand.Name)).ClaimAsync(BrandId);
            if (holder != BrandId)
            {
                refusal = new DomainError(ErrorCodes.BrandNameTaken, $"A brand named \"{brand.Name}\" exists already.", "name");
                return false;
            }

            var now = timeProvider.GetUtcNow();
            created = await state.PerformUpdate(s =>
            {
                s.Status = BrandStatuses.Pending;
                s.SellerId = brand.SellerId;
                s.Name = brand.Name;
                s.Description = brand.Description;
                s.LogoUrl = brand.LogoUrl;
                s.CreatedAt = now;
                return View(s)!;
            });
            proposed = true;
            return true;
        });

        if (refusal is not null)
        {
            return refusal;
        }

        if (proposed)
        {
            logger.LogInformation("Brand {BrandId} proposed by seller {SellerId}", BrandId, brand.SellerId);
        }

        return created!;
    }

    Task<BrandView?> IBrandGrain.GetAsync() => ReadAsync();

    Task<Result<BrandView>> IBrandGrain.ApproveAsync() => DecideAsync(BrandStatuses.Approved, null);

    Task<Result<BrandView>> IBrandGrain.RejectAsync(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return DecideAsync(BrandStatuses.Rejected, reason);
    }

    /// <summary>An admin's decision on a pending brand, with its name freed when it is rejected; a repeat returns the brand as it is.</summary>
    private async Task<Result<BrandView>> DecideAsync(string to, string? reason)
    {
        DomainError? refusal = null;
        BrandView? decided = null;
        var moved = false;
        await transactions.RunAsync(async () =>
        {
            (refusal, decided, moved) = (null, null, false);
            var view = await state.PerformRead(View);
            if (view is null)
            {
                refusal = NotFound();
                return true;
            }

            if (view.Status == to)
            {
                decided = view;
                return true;
            }

            if (view.Status != BrandStatuses.Pending)
            {
                refusal = new DomainError(ErrorCodes.BrandNotPending, $"The brand is {view.Status}, not pending.");
                return false;
            }

            if (to == BrandStatuses.Rejected)
            {
                await GrainFactory.GetGrain<IBrandNameGrain>(BrandNames.Key(view.Name)).ReleaseAsync(BrandId);
            }

            var now = timeProvider.GetUtcNow();
            decided = await state.PerformUpdate(s =>
            {
                s.Status = to;
                s.RejectionReason = reason;
                s.DecidedAt = now;
                return View(s)!;
            });
            moved = true;
            return true;
        });

        if (refusal is not null)
        {
            return refusal;
        }

        if (moved)
        {
            logger.LogInformation("Brand {BrandId} is {BrandStatus}", BrandId, to);
            await NotifySellerAsync(decided!);
        }

        return decided!;
    }

    /// <summary>Tells the seller of the decision, once: a brand is decided once, and its inbox ignores an id it holds.</summary>
    private Task NotifySellerAsync(BrandView brand)
    {
        var (type, title, body) = brand.Status == BrandStatuses.Approved
            ? (NotificationTypes.BrandApproved, "Your brand was approved", $"\"{brand.Name}\" is approved: your products may carry it.")
            : (NotificationTypes.BrandRejected, "Your brand was rejected", $"\"{brand.Name}\": {brand.RejectionReason}");
        return GrainFactory.GetGrain<INotificationInboxGrain>(brand.SellerId)
            .AddAsync(new Notification($"{type}:{BrandId:N}", type, title, body, $"/api/brands/{BrandId}", timeProvider.GetUtcNow()));
    }

    private async Task<BrandView?> ReadAsync()
    {
        BrandView? view = null;
        await transactions.RunAsync(async () => view = await state.PerformRead(View));
        return view;
    }

    private BrandView? View(BrandState s) => s.Status is null
        ? null
        : new BrandView(BrandId, s.SellerId, s.Name, s.Description, s.LogoUrl, s.Status, s.RejectionReason, s.CreatedAt, s.DecidedAt);

    private DomainError NotFound() => new(ErrorCodes.BrandNotFound, $"There is no brand {BrandId}.");
}
