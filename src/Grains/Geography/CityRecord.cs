namespace GrainMarket.Geography;

[GenerateSerializer, Alias("gm.geography.CityRecord")]
public sealed class CityRecord : IPlaceRecord
{
    [Id(0)]
    public Guid ProvinceId { get; set; }

    [Id(1)]
    public string Name { get; set; } = "";

    string IPlaceRecord.ParentKey => ProvinceId.ToString();
}
