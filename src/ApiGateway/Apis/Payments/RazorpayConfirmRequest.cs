using System.Text.Json.Serialization;

namespace GrainMarket.ApiGateway.Apis.Payments;

/// <summary>What Razorpay Checkout's <c>handler</c> receives after a payment, passed on as it is.</summary>
public sealed record RazorpayConfirmRequest(
    [property: JsonPropertyName("razorpay_order_id")] string? RazorpayOrderId,
    [property: JsonPropertyName("razorpay_payment_id")] string? RazorpayPaymentId,
    [property: JsonPropertyName("razorpay_signature")] string? RazorpaySignature);
