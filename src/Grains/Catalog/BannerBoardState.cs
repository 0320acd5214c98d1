namespace GrainMarket.Catalog;

[GenerateSerializer, Alias("gm.catalog.BannerBoardState")]
public sealed class BannerBoardState
{
    [Id(0)]
    public Dictionary<Guid, BannerRecord> Banners { get; set; } = [];
}
