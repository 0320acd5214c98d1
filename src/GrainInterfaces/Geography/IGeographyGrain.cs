using GrainMarket.Common;

namespace GrainMarket.Geography;

/// <summary>
/// The reference geography, one grain (key <see cref="Key"/>): countries, their provinces and the provinces' cities,
/// which addresses may name by id. It owns the names (unique among siblings, ignoring case) and projects them to the
/// <c>geo_countries</c>, <c>geo_provinces</c> and <c>geo_cities</c> read models that the public lists read. A country
/// is removed only without provinces, a province only without cities; a city goes at any time (addresses keep the
/// names they were saved with).
/// </summary>
[Alias("gm.geography")]
public interface IGeographyGrain : IGrainWithStringKey
{
    /// <summary>The key of the one geography.</summary>
    public const string Key = "all";

    /// <summary>
    /// The names of a province and city an address names by id: the province must be one of <paramref name="country"/>,
    /// the city one of the province (400 naming provinceId or cityId otherwise). Both null: nothing to resolve.
    /// </summary>
    [ReadOnly]
    [Alias("resolve")]
    Task<Result<PlaceNames>> ResolveAsync(string country, Guid? provinceId, Guid? cityId);

    /// <summary>Adds a country by its ISO 3166 alpha-2 code (upper case); geo-name-taken for a code or name in use.</summary>
    [Alias("createCountry")]
    Task<Result<CountryView>> CreateCountryAsync(string code, string name);

    [Alias("renameCountry")]
    Task<Result<CountryView>> RenameCountryAsync(string code, string name);

    /// <summary>Removes a country that has no provinces (else geo-not-empty).</summary>
    [Alias("deleteCountry")]
    Task<Result<CountryView>> DeleteCountryAsync(string code);

    [Alias("createProvince")]
    Task<Result<ProvinceView>> CreateProvinceAsync(string countryCode, string name);

    [Alias("renameProvince")]
    Task<Result<ProvinceView>> RenameProvinceAsync(Guid provinceId, string name);

    /// <summary>Removes a province that has no cities (else geo-not-empty).</summary>
    [Alias("deleteProvince")]
    Task<Result<ProvinceView>> DeleteProvinceAsync(Guid provinceId);

    [Alias("createCity")]
    Task<Result<CityView>> CreateCityAsync(Guid provinceId, string name);

    [Alias("renameCity")]
    Task<Result<CityView>> RenameCityAsync(Guid cityId, string name);

    [Alias("deleteCity")]
    Task<Result<CityView>> DeleteCityAsync(Guid cityId);
}
