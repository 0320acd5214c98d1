using System.Net;
using System.Net.Http.Json;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Shipping;

/// <summary>Without the GRAINMARKET_CARRIER_* settings no carrier is offered: shipping with one and its callbacks are refused.</summary>
public sealed class CarrierNotOfferedTests(MarketplaceFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Shipping_with_a_carrier_is_refused_when_none_is_configured()
    {
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        using var anonymous = factory.CreateClient();

        await Problems.AssertAsync(await seller.Client.PostAsJsonAsync($"/api/orders/{Guid.NewGuid()}/ship", new { carrier = "delhivery" }, Ct), HttpStatusCode.BadRequest, "validation-failed", "carrier");
        await Problems.AssertAsync(await seller.Client.PostAsJsonAsync($"/api/orders/{Guid.NewGuid()}/ship", new { carrier = "" }, Ct), HttpStatusCode.BadRequest, "validation-failed", "carrier");
        await Problems.AssertAsync(await anonymous.PostAsJsonAsync("/api/shipping/carriers/delhivery/callbacks", new { eventId = "e1" }, Ct), HttpStatusCode.NotFound, "not-found");
    }
}
