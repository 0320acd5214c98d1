using System.Globalization;
using GrainMarket.Orders;

namespace GrainMarket.Delivery;

/// <summary>
/// The couriers' columns of an order's <c>orders</c> row (db/0016): its courier, whether it is ready for pickup, the
/// city, region, postal code and position it goes to, and when it was delivered. <see cref="OrderProjection"/> writes
/// them with the rest of the row, in the same statement and commit.
/// </summary>
public static class OrderDeliveryProjection
{
    /// <summary>The columns' types, in the order of <see cref="Columns"/>. Nullable values travel as text (null stays null) and are cast back, as the order's auction id does.</summary>
    public static Type[] ColumnTypes { get; } = [typeof(string), typeof(bool), typeof(string), typeof(string), typeof(string), typeof(string), typeof(string), typeof(string)];

    /// <summary>The couriers' columns of <paramref name="state"/>: courier id, pickup ready, city, region, postal code, latitude, longitude, delivered at.</summary>
    public static object?[] Columns(OrderState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var address = state.ShippingAddress;
        var ready = state is { Status: OrderStatuses.Processing, CourierId: null, ShippingAddress: not null }
            && state.Fulfilment.Values.All(step => step is OrderStatuses.Placed or OrderStatuses.Processing);
        return
        [
            state.CourierId?.ToString(),
            ready,
            address?.City,
            address?.Region,
            address?.PostalCode,
            address?.Latitude?.ToString("R", CultureInfo.InvariantCulture),
            address?.Longitude?.ToString("R", CultureInfo.InvariantCulture),
            state.Delivery?.At.ToString("O", CultureInfo.InvariantCulture),
        ];
    }
}
