using GrainMarket.Common;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GrainMarket.Geography;

[GrainType("geography")]
public sealed class GeographyGrain(
    [PersistentState("geography", PostgresGrainStorage.ProviderName)] IPersistentState<GeographyState> geography) : Grain, IGeographyGrain
{
    private GeographyState State => geography.State;

    /// <summary>
    /// Until the first admin change the state was never stored: the geography is the seed the migrations wrote to the
    /// read models (db/0021_addresses.sql), so that seed has one source. The in-memory mode has no database and starts empty.
    /// </summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!geography.RecordExists && ServiceProvider.GetService<NpgsqlDataSource>() is { } database)
        {
            await using var batch = database.CreateBatch();
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT code, name FROM geo_countries"));
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT id, country_code, name FROM geo_provinces"));
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT id, province_id, name FROM geo_cities"));
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                State.Countries[reader.GetString(0)] = reader.GetString(1);
            }

            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                State.Provinces[reader.GetGuid(0)] = new ProvinceRecord { CountryCode = reader.GetString(1), Name = reader.GetString(2) };
            }

            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                State.Cities[reader.GetGuid(0)] = new CityRecord { ProvinceId = reader.GetGuid(1), Name = reader.GetString(2) };
            }
        }

        await base.OnActivateAsync(cancellationToken);
    }

    Task<Result<PlaceNames>> IGeographyGrain.ResolveAsync(string country, Guid? provinceId, Guid? cityId)
    {
        Result<PlaceNames> result;
        if (provinceId is not { } pid)
        {
            result = cityId is null ? new PlaceNames(null, null) : DomainError.Invalid("provinceId", "is required with cityId");
        }
        else if (!State.Provinces.TryGetValue(pid, out var province))
        {
            result = DomainError.Invalid("provinceId", "is not a known province (see GET /api/geo/countries/{code}/provinces)");
        }
        else if (!string.Equals(province.CountryCode, country, StringComparison.OrdinalIgnoreCase))
        {
            result = DomainError.Invalid("provinceId", $"must be a province of the address's country ({country}); it is one of {province.CountryCode}");
        }
        else if (cityId is not { } cid)
        {
            result = new PlaceNames(province.Name, null);
        }
        else if (!State.Cities.TryGetValue(cid, out var city))
        {
            result = DomainError.Invalid("cityId", "is not a known city (see GET /api/geo/provinces/{id}/cities)");
        }
        else
        {
            result = city.ProvinceId == pid ? new PlaceNames(province.Name, city.Name) : DomainError.Invalid("cityId", "must be a city of provinceId");
        }

        return Task.FromResult(result);
    }

    async Task<Result<CountryView>> IGeographyGrain.CreateCountryAsync(string code, string name)
    {
        if (State.Countries.ContainsKey(code))
        {
            return new DomainError(ErrorCodes.GeoNameTaken, $"The country {code} already exists.", "code");
        }

        if (Taken(State.Countries.Values, name) is { } taken)
        {
            return taken;
        }

        State.Countries[code] = name;
        await geography.WriteStateAsync();
        return new CountryView(code, name);
    }

    async Task<Result<CountryView>> IGeographyGrain.RenameCountryAsync(string code, string name)
    {
        if (!State.Countries.ContainsKey(code))
        {
            return CountryNotFound(code);
        }

        if (Taken(State.Countries.Where(c => c.Key != code).Select(c => c.Value), name) is { } taken)
        {
            return taken;
        }

        State.Countries[code] = name;
        await geography.WriteStateAsync();
        return new CountryView(code, name);
    }

    Task<Result<CountryView>> IGeographyGrain.DeleteCountryAsync(string code) =>
        RemoveAsync(State.Countries, code, CountryNotFound(code), ("country", "provinces", State.Provinces.Values.Count(p => p.CountryCode == code)), (c, name) => new CountryView(c, name));

    async Task<Result<ProvinceView>> IGeographyGrain.CreateProvinceAsync(string countryCode, string name) =>
        State.Countries.ContainsKey(countryCode)
            ? await AddAsync(State.Provinces, new ProvinceRecord { CountryCode = countryCode, Name = name }, View)
            : CountryNotFound(countryCode);

    Task<Result<ProvinceView>> IGeographyGrain.RenameProvinceAsync(Guid provinceId, string name) =>
        RenameAsync(State.Provinces, provinceId, name, ProvinceNotFound(provinceId), View);

    Task<Result<ProvinceView>> IGeographyGrain.DeleteProvinceAsync(Guid provinceId) =>
        RemoveAsync(State.Provinces, provinceId, ProvinceNotFound(provinceId), ("province", "cities", State.Cities.Values.Count(c => c.ProvinceId == provinceId)), View);

    async Task<Result<CityView>> IGeographyGrain.CreateCityAsync(Guid provinceId, string name) =>
        State.Provinces.ContainsKey(provinceId)
            ? await AddAsync(State.Cities, new CityRecord { ProvinceId = provinceId, Name = name }, View)
            : ProvinceNotFound(provinceId);

    Task<Result<CityView>> IGeographyGrain.RenameCityAsync(Guid cityId, string name) =>
        RenameAsync(State.Cities, cityId, name, CityNotFound(cityId), View);

    Task<Result<CityView>> IGeographyGrain.DeleteCityAsync(Guid cityId) =>
        RemoveAsync(State.Cities, cityId, CityNotFound(cityId), ("city", "places", 0), View);

    /// <summary>Adds a province or city under a new id, its name free among its siblings.</summary>
    private async Task<Result<TView>> AddAsync<TPlace, TView>(Dictionary<Guid, TPlace> places, TPlace place, Func<Guid, TPlace, TView> view)
        where TPlace : IPlaceRecord
    {
        if (Taken(places.Values.Where(p => p.ParentKey == place.ParentKey).Select(p => p.Name), place.Name) is { } taken)
        {
            return taken;
        }

        var id = Guid.NewGuid();
        places[id] = place;
        await geography.WriteStateAsync();
        return view(id, place);
    }

    private async Task<Result<TView>> RenameAsync<TPlace, TView>(Dictionary<Guid, TPlace> places, Guid id, string name, DomainError notFound, Func<Guid, TPlace, TView> view)
        where TPlace : IPlaceRecord
    {
        if (!places.TryGetValue(id, out var place))
        {
            return notFound;
        }

        if (Taken(places.Where(p => p.Key != id && p.Value.ParentKey == place.ParentKey).Select(p => p.Value.Name), name) is { } taken)
        {
            return taken;
        }

        place.Name = name;
        await geography.WriteStateAsync();
        return view(id, place);
    }

    /// <summary>Removes a country, province or city that nothing lies in any more; geo-not-empty says how many places still do.</summary>
    private async Task<Result<TView>> RemoveAsync<TKey, TPlace, TView>(
        Dictionary<TKey, TPlace> places, TKey key, DomainError notFound, (string Kind, string Children, int Count) within, Func<TKey, TPlace, TView> view)
        where TKey : notnull
    {
        if (!places.TryGetValue(key, out var place))
        {
            return notFound;
        }

        if (within.Count > 0)
        {
            return new DomainError(
                ErrorCodes.GeoNotEmpty,
                $"The {within.Kind} has {within.Count} {within.Children}; remove them first.",
                Figures: new Dictionary<string, long> { [within.Children] = within.Count });
        }

        places.Remove(key);
        await geography.WriteStateAsync();
        return view(key, place);
    }

    /// <summary>Siblings must differ in name, ignoring case: a buyer picking "Punjab" from a list could not tell two apart.</summary>
    private static DomainError? Taken(IEnumerable<string> siblings, string name) =>
        siblings.Any(s => string.Equals(s, name, StringComparison.OrdinalIgnoreCase))
            ? new DomainError(ErrorCodes.GeoNameTaken, $"'{name}' already exists at this level.", "name")
            : null;

    private static ProvinceView View(Guid id, ProvinceRecord province) => new(id, province.CountryCode, province.Name);

    private static CityView View(Guid id, CityRecord city) => new(id, city.ProvinceId, city.Name);

    private static DomainError CountryNotFound(string code) => new(ErrorCodes.CountryNotFound, $"There is no country {code}.");

    private static DomainError ProvinceNotFound(Guid id) => new(ErrorCodes.ProvinceNotFound, $"There is no province {id}.");

    private static DomainError CityNotFound(Guid id) => new(ErrorCodes.CityNotFound, $"There is no city {id}.");
}
