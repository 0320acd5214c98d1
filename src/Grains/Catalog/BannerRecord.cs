namespace GrainMarket.Catalog;

public sealed class BannerRecord
{
    public string Title { get; set; } = "";

    public string ImageUrl { get; set; } = "";

    public string? LinkUrl { get; set; }

    public int Position { get; set; }

    public bool Active { get; set; }
}
