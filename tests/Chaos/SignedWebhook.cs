using GrainMarket.StripeStandIn;

namespace GrainMarket.Chaos;

/// <summary>A stand-in's webhook event to POST to a gateway, signed with <see cref="Secret"/> as each attempt is sent.</summary>
internal sealed record SignedWebhook(StandInEvent Event, string Secret);
