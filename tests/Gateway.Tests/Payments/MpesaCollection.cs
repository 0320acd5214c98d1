namespace GrainMarket.Gateway.Tests.Payments;

/// <summary>The M-Pesa tests share one KES silo with the Daraja stand-in (<see cref="MpesaMarket"/>).</summary>
[CollectionDefinition(nameof(MpesaCollection))]
public sealed class MpesaCollection : ICollectionFixture<MpesaMarket>;
