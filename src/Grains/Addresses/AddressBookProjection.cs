using NpgsqlTypes;

namespace GrainMarket.Addresses;

/// <summary>Keeps the owner's rows of <c>addresses</c> equal to the book: removed addresses go, the others are upserted.</summary>
public sealed class AddressBookProjection : IStateProjection<AddressBookState>
{
    private const string DeleteSql = "DELETE FROM addresses WHERE user_id = $1 AND NOT (id = ANY($2))";

    private const string UpsertSql = """
        INSERT INTO addresses (id, user_id, label, line1, city, region, postal_code, country, phone, latitude, longitude, province_id, city_id, is_default, created_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
        ON CONFLICT (id) DO UPDATE SET label = excluded.label, line1 = excluded.line1, city = excluded.city, region = excluded.region,
            postal_code = excluded.postal_code, country = excluded.country, phone = excluded.phone, latitude = excluded.latitude,
            longitude = excluded.longitude, province_id = excluded.province_id, city_id = excluded.city_id, is_default = excluded.is_default
        """;

    public void Project(StateProjectionContext context, AddressBookState? previous, AddressBookState state, ProjectionCommands commands)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(commands);
        var userId = Guid.Parse(context.GrainKey);
        commands.Add(DeleteSql, userId, state.Addresses.Select(a => a.Id).ToArray());
        foreach (var address in state.Addresses)
        {
            var d = address.Draft;
            commands.Add(
                UpsertSql,
                address.Id,
                userId,
                d.Label,
                d.Line1,
                d.City,
                d.Region,
                d.PostalCode,
                d.Country,
                ProjectionCommands.Typed(d.Phone, NpgsqlDbType.Text),
                ProjectionCommands.Typed(d.Latitude, NpgsqlDbType.Double),
                ProjectionCommands.Typed(d.Longitude, NpgsqlDbType.Double),
                ProjectionCommands.Typed(d.ProvinceId, NpgsqlDbType.Uuid),
                ProjectionCommands.Typed(d.CityId, NpgsqlDbType.Uuid),
                address.Id == state.DefaultId,
                address.CreatedAt);
        }
    }
}
