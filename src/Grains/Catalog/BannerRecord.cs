namespace GrainMarket.Catalog;

[GenerateSerializer, Alias("gm.catalog.BannerRecord")]
public sealed class BannerRecord
{
    [Id(0)]
    public string Title { get; set; } = "";

    [Id(1)]
    public string ImageUrl { get; set; } = "";

    [Id(2)]
    public string? LinkUrl { get; set; }

    [Id(3)]
    public int Position { get; set; }

    [Id(4)]
    public bool Active { get; set; }
}
