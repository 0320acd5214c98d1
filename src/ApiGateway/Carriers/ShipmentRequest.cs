using GrainMarket.Orders;

namespace GrainMarket.ApiGateway.Carriers;

/// <summary>
/// A parcel to book: <see cref="Reference"/> is ours and stable (order and seller), so a retried booking is the same
/// booking; <see cref="Address"/> is where it goes (or, for a return pickup, where it is collected).
/// </summary>
public sealed record ShipmentRequest(string Reference, ShippingAddress Address, long WeightGrams, long DeclaredValue, string Contents);
