namespace GrainMarket.ApiGateway.Apis.Shipping;

/// <summary>
/// A carrier's status callback: its event id, the waybill, our booking reference (<c>orderId-sellerId</c>, both as 32
/// hex digits) and its status (<c>OUT_FOR_DELIVERY</c> and <c>DELIVERED</c> move the order; others are acknowledged).
/// </summary>
public sealed record CarrierCallbackRequest(string? EventId, string? Waybill, string? Reference, string? Status);
