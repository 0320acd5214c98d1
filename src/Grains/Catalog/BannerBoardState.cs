namespace GrainMarket.Catalog;

public sealed class BannerBoardState
{
    public Dictionary<Guid, BannerRecord> Banners { get; set; } = [];
}
