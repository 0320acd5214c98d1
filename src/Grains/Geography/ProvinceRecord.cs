namespace GrainMarket.Geography;

[GenerateSerializer, Alias("gm.geography.ProvinceRecord")]
public sealed class ProvinceRecord : IPlaceRecord
{
    [Id(0)]
    public string CountryCode { get; set; } = "";

    [Id(1)]
    public string Name { get; set; } = "";

    string IPlaceRecord.ParentKey => CountryCode;
}
