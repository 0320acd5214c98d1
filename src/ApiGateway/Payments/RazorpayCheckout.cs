using GrainMarket.Payments;

namespace GrainMarket.ApiGateway.Payments;

/// <summary>
/// A Razorpay Checkout payment as Razorpay reports it: whom its order is for (<see cref="UserId"/>, null for an order
/// GrainMarket did not create), the payment's <see cref="Status"/> there, and the success to apply once it is captured.
/// </summary>
public sealed record RazorpayCheckout(Guid? UserId, string Status, PaymentEvent? Succeeded);
