namespace GrainMarket.ApiGateway.Carriers;

/// <summary>A booked parcel: the carrier's tracking number (waybill) for our reference.</summary>
public sealed record CarrierBooking(string TrackingNumber, string Reference);
