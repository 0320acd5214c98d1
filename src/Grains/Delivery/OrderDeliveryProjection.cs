using System.Globalization;
using GrainMarket.Orders;
using GrainMarket.Persistence.PostgreSql;

namespace GrainMarket.Delivery;

/// <summary>
/// The couriers' columns of an order's <c>orders</c> row (db/0016): its courier, whether it is ready for pickup, the
/// city, region, postal code and position it goes to, and when it was delivered. Added by <see cref="OrderProjection"/>
/// after the row's upsert, in the same commit.
/// </summary>
public static class OrderDeliveryProjection
{
    /// <summary>Nullable values travel as text (null stays null) and are cast back, as the order's auction id does.</summary>
    private static readonly ProjectionRows Update = new(
        """
        UPDATE orders SET courier_id = d.courier_id::uuid, pickup_ready = d.pickup_ready, ship_city = d.city, ship_region = d.region,
            ship_postal_code = d.postal_code, ship_latitude = d.latitude::double precision, ship_longitude = d.longitude::double precision,
            delivered_at = d.delivered_at::timestamptz
        FROM unnest($1::uuid[], $2::text[], $3::boolean[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
            AS d(id, courier_id, pickup_ready, city, region, postal_code, latitude, longitude, delivered_at)
        WHERE orders.id = d.id
        """,
        typeof(Guid), typeof(string), typeof(bool), typeof(string), typeof(string), typeof(string), typeof(string), typeof(string), typeof(string))
    {
        KeyColumns = 1,
    };

    public static void Add(Guid orderId, OrderState state, ProjectionCommands commands)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(commands);
        var address = state.ShippingAddress;
        var ready = state is { Status: OrderStatuses.Processing, CourierId: null, ShippingAddress: not null }
            && state.Fulfilment.Values.All(step => step is OrderStatuses.Placed or OrderStatuses.Processing);
        commands.Add(
            Update,
            orderId,
            state.CourierId?.ToString(),
            ready,
            address?.City,
            address?.Region,
            address?.PostalCode,
            address?.Latitude?.ToString("R", CultureInfo.InvariantCulture),
            address?.Longitude?.ToString("R", CultureInfo.InvariantCulture),
            state.Delivery?.At.ToString("O", CultureInfo.InvariantCulture));
    }
}
