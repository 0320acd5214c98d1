namespace GrainMarket.ApiGateway.Apis.Payments;

/// <summary>
/// A top-up waiting to be paid: the provider's payment <see cref="Id"/> and the <see cref="ClientSecret"/> the client
/// confirms it with (Stripe.js, or the stand-in's confirm), or the <see cref="ClientKey"/> it opens the provider's checkout
/// with (Razorpay's key id for Checkout.js); the wallet is credited once the provider reports success.
/// </summary>
public sealed record TopupResponse(string Id, string Provider, long Amount, string Currency, string? ClientSecret, string Status, string? ClientKey = null);
