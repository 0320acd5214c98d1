namespace GrainMarket.ApiGateway.Carriers;

/// <summary>
/// The port to a third-party logistics carrier: book a parcel (its tracking number), fetch its label, cancel it, and book
/// a return pickup. Implementations call the carrier's API and throw <see cref="CarrierException"/> when it refuses or
/// cannot be reached; booking the same <see cref="ShipmentRequest.Reference"/> twice answers the first booking.
/// </summary>
public interface ICarrier
{
    /// <summary>The carrier's name in the API (<c>POST /api/orders/{id}/ship {"carrier": name}</c>, callbacks' path).</summary>
    string Name { get; }

    Task<CarrierBooking> CreateShipmentAsync(ShipmentRequest shipment, CancellationToken cancellationToken);

    Task<Uri> LabelAsync(string trackingNumber, CancellationToken cancellationToken);

    Task CancelAsync(string trackingNumber, CancellationToken cancellationToken);

    /// <summary>Books a pickup of a parcel from <see cref="ShipmentRequest.Address"/> back to the seller.</summary>
    Task<CarrierBooking> ReturnPickupAsync(ShipmentRequest pickup, CancellationToken cancellationToken);
}
