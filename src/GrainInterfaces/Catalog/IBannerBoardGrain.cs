using GrainMarket.Common;

namespace GrainMarket.Catalog;

/// <summary>The storefront's banners, one grain (key <see cref="Key"/>): admins edit them, everyone sees the active ones in order.</summary>
[Alias("gm.banner-board")]
public interface IBannerBoardGrain : IGrainWithStringKey
{
    /// <summary>The key of the one board.</summary>
    public const string Key = "all";

    /// <summary>The banners ordered by position (then title); only active ones when <paramref name="activeOnly"/>.</summary>
    [ReadOnly]
    [Alias("list")]
    Task<IReadOnlyList<BannerView>> ListAsync(bool activeOnly);

    /// <summary>Adds a banner; without a position it goes last, and it is active unless said otherwise.</summary>
    [Alias("create")]
    Task<BannerView> CreateAsync(BannerDraft draft);

    /// <summary>Changes a banner; banner-not-found for an unknown id.</summary>
    [Alias("update")]
    Task<Result<BannerView>> UpdateAsync(Guid bannerId, BannerUpdate update);

    /// <summary>Removes a banner; banner-not-found for an unknown id.</summary>
    [Alias("delete")]
    Task<Result<BannerView>> DeleteAsync(Guid bannerId);
}
