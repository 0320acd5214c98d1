using GrainMarket.Common;

namespace GrainMarket.Catalog;

[GrainType("bannerboard")]
public sealed class BannerBoardGrain([PersistentState("banners")] IPersistentState<BannerBoardState> board) : Grain, IBannerBoardGrain
{
    private Dictionary<Guid, BannerRecord> Banners => board.State.Banners;

    Task<IReadOnlyList<BannerView>> IBannerBoardGrain.ListAsync(bool activeOnly) =>
        Task.FromResult<IReadOnlyList<BannerView>>([.. Banners
            .Where(b => b.Value.Active || !activeOnly)
            .OrderBy(b => b.Value.Position)
            .ThenBy(b => b.Value.Title, StringComparer.OrdinalIgnoreCase)
            .ThenBy(b => b.Key)
            .Select(b => View(b.Key, b.Value))]);

    async Task<BannerView> IBannerBoardGrain.CreateAsync(BannerDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var id = Guid.NewGuid();
        var banner = new BannerRecord
        {
            Title = draft.Title,
            ImageUrl = draft.ImageUrl,
            LinkUrl = draft.LinkUrl,
            Position = draft.Position ?? (Banners.Count == 0 ? 0 : Banners.Values.Max(b => b.Position) + 1),
            Active = draft.Active ?? true,
        };
        Banners[id] = banner;
        await board.WriteStateAsync();
        return View(id, banner);
    }

    async Task<Result<BannerView>> IBannerBoardGrain.UpdateAsync(Guid bannerId, BannerUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (!Banners.TryGetValue(bannerId, out var banner))
        {
            return NotFound(bannerId);
        }

        banner.Title = update.Title ?? banner.Title;
        banner.ImageUrl = update.ImageUrl ?? banner.ImageUrl;
        banner.LinkUrl = update.LinkUrl ?? banner.LinkUrl;
        banner.Position = update.Position ?? banner.Position;
        banner.Active = update.Active ?? banner.Active;
        await board.WriteStateAsync();
        return View(bannerId, banner);
    }

    async Task<Result<BannerView>> IBannerBoardGrain.DeleteAsync(Guid bannerId)
    {
        if (!Banners.Remove(bannerId, out var banner))
        {
            return NotFound(bannerId);
        }

        await board.WriteStateAsync();
        return View(bannerId, banner);
    }

    private static BannerView View(Guid id, BannerRecord banner) => new(id, banner.Title, banner.ImageUrl, banner.LinkUrl, banner.Position, banner.Active);

    private static DomainError NotFound(Guid bannerId) => new(ErrorCodes.BannerNotFound, $"There is no banner {bannerId}.");
}
