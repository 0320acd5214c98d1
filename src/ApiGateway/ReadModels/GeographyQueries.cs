using GrainMarket.Geography;
using Npgsql;

namespace GrainMarket.ApiGateway.ReadModels;

/// <summary>The public lists of countries, provinces and cities, over the geography read models, each ordered by name.</summary>
internal static class GeographyQueries
{
    public static async Task<IReadOnlyList<CountryView>> CountriesAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT code, name FROM geo_countries ORDER BY name, code");
        var countries = new List<CountryView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            countries.Add(new CountryView(reader.GetString(0), reader.GetString(1)));
        }

        return countries;
    }

    /// <summary>The provinces of a country; null when there is no such country.</summary>
    public static async Task<IReadOnlyList<ProvinceView>?> ProvincesAsync(NpgsqlDataSource dataSource, string countryCode, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT p.id, c.code, p.name FROM geo_countries c LEFT JOIN geo_provinces p ON p.country_code = c.code
            WHERE c.code = $1 ORDER BY p.name, p.id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = countryCode });
        return await ListAsync(command, r => new ProvinceView(r.GetGuid(0), r.GetString(1), r.GetString(2)), cancellationToken);
    }

    /// <summary>The cities of a province; null when there is no such province.</summary>
    public static async Task<IReadOnlyList<CityView>?> CitiesAsync(NpgsqlDataSource dataSource, Guid provinceId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT c.id, p.id, c.name FROM geo_provinces p LEFT JOIN geo_cities c ON c.province_id = p.id
            WHERE p.id = $1 ORDER BY c.name, c.id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = provinceId });
        return await ListAsync(command, r => new CityView(r.GetGuid(0), r.GetGuid(1), r.GetString(2)), cancellationToken);
    }

    /// <summary>
    /// The children of one parent, read with a left join so that one query tells an unknown parent (no row: null)
    /// from a parent without children (one row whose child columns are null: an empty list).
    /// </summary>
    private static async Task<IReadOnlyList<T>?> ListAsync<T>(NpgsqlCommand command, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        List<T>? items = null;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items ??= [];
            if (!reader.IsDBNull(0))
            {
                items.Add(read(reader));
            }
        }

        return items;
    }
}
