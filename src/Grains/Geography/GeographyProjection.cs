namespace GrainMarket.Geography;

/// <summary>Keeps <c>geo_countries</c>, <c>geo_provinces</c> and <c>geo_cities</c> equal to the geography: rows of removed entries go, the others are upserted.</summary>
public sealed class GeographyProjection : IStateProjection<GeographyState>
{
    private const string DeleteCountriesSql = "DELETE FROM geo_countries WHERE NOT (code = ANY($1))";
    private const string DeleteProvincesSql = "DELETE FROM geo_provinces WHERE NOT (id = ANY($1))";
    private const string DeleteCitiesSql = "DELETE FROM geo_cities WHERE NOT (id = ANY($1))";

    private const string UpsertCountriesSql = """
        INSERT INTO geo_countries (code, name) SELECT * FROM unnest($1::text[], $2::text[])
        ON CONFLICT (code) DO UPDATE SET name = excluded.name
        """;

    private const string UpsertProvincesSql = """
        INSERT INTO geo_provinces (id, country_code, name) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[])
        ON CONFLICT (id) DO UPDATE SET country_code = excluded.country_code, name = excluded.name
        """;

    private const string UpsertCitiesSql = """
        INSERT INTO geo_cities (id, province_id, name) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[])
        ON CONFLICT (id) DO UPDATE SET province_id = excluded.province_id, name = excluded.name
        """;

    public void Project(StateProjectionContext context, GeographyState? previous, GeographyState state, ProjectionCommands commands)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(commands);
        var codes = state.Countries.Keys.ToArray();
        var provinces = state.Provinces.Keys.ToArray();
        var cities = state.Cities.Keys.ToArray();
        commands.Add(DeleteCountriesSql, (object)codes); // one text[] parameter, not a string per parameter
        commands.Add(DeleteProvincesSql, provinces);
        commands.Add(DeleteCitiesSql, cities);
        commands.Add(UpsertCountriesSql, codes, codes.Select(code => state.Countries[code]).ToArray());
        commands.Add(UpsertProvincesSql, provinces, provinces.Select(id => state.Provinces[id].CountryCode).ToArray(), provinces.Select(id => state.Provinces[id].Name).ToArray());
        commands.Add(UpsertCitiesSql, cities, cities.Select(id => state.Cities[id].ProvinceId).ToArray(), cities.Select(id => state.Cities[id].Name).ToArray());
    }
}
