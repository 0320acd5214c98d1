namespace GrainMarket.Geography;

[GenerateSerializer, Alias("gm.geography.GeographyState")]
public sealed class GeographyState
{
    /// <summary>Country name by ISO 3166 alpha-2 code.</summary>
    [Id(0)]
    public Dictionary<string, string> Countries { get; set; } = [];

    [Id(1)]
    public Dictionary<Guid, ProvinceRecord> Provinces { get; set; } = [];

    [Id(2)]
    public Dictionary<Guid, CityRecord> Cities { get; set; } = [];
}
