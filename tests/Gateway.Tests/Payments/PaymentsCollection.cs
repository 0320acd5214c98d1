namespace GrainMarket.Gateway.Tests.Payments;

/// <summary>The payment tests share one silo with the Stripe and Razorpay stand-ins (<see cref="PaymentsMarket"/>).</summary>
[CollectionDefinition(nameof(PaymentsCollection))]
public sealed class PaymentsCollection : ICollectionFixture<PaymentsMarket>;
