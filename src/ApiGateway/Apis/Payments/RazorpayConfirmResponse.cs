namespace GrainMarket.ApiGateway.Apis.Payments;

/// <summary>
/// A Razorpay payment after its Checkout callback: the payment (<see cref="PaymentId"/>, the Razorpay order) is
/// <c>succeeded</c> (with its <see cref="Outcome"/>: <c>order-placed</c>, <c>credited</c> or <c>kept-in-wallet</c>), or
/// <c>pending</c> while Razorpay has not captured it (its webhook applies it then).
/// </summary>
public sealed record RazorpayConfirmResponse(string PaymentId, string Status, string? Outcome);
