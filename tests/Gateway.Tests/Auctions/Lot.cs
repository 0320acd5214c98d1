using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Auctions;

/// <summary>A live auction (event 1: <c>opened</c>) of a new seller, and two buyers with funded wallets.</summary>
public sealed record Lot(Guid Id, TestUser Seller, TestUser Alice, TestUser Bob) : IDisposable
{
    public void Dispose()
    {
        Seller.Dispose();
        Alice.Dispose();
        Bob.Dispose();
    }
}
