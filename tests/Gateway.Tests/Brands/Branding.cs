using System.Net;
using System.Text.Json;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Returns;
using GrainMarket.Brands;
using GrainMarket.Gateway.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace GrainMarket.Gateway.Tests.Brands;

/// <summary>Brand requests through the public API, a seller's points, and sellers raised to a rank by real completed sales.</summary>
public static class Branding
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Task<HttpResponseMessage> ProposeAsync(TestUser seller, string name, string? key = null) =>
        seller.Client.SendAsync(Shop.Post("/api/brands", new { name, description = "Made with care.", logoUrl = "https://cdn.example.com/logo.png" }, key ?? Guid.NewGuid().ToString()), Ct);

    public static async Task<Guid> ProposedAsync(TestUser seller, string name) =>
        (await Json.ReadAsync(await ProposeAsync(seller, name), HttpStatusCode.Created)).GetProperty("id").GetGuid();

    public static async Task<JsonElement> PointsAsync(TestUser user, Guid sellerId) =>
        await Json.ReadAsync(await user.Client.GetAsync(new Uri($"/api/sellers/{sellerId}/points", UriKind.Relative), Ct));

    /// <summary>An order of <paramref name="quantity"/> units, delivered and completed by its buyer: its seller earns its points.</summary>
    public static async Task<Guid> CompletedOrderAsync(ReturnDesk desk, int quantity)
    {
        ArgumentNullException.ThrowIfNull(desk);
        var orderId = await desk.DeliveredOrderAsync(quantity);
        await ReturnDesk.StepAsync(desk.Buyer, $"/api/orders/{orderId}/complete");
        return orderId;
    }

    /// <summary>Waits until the brand's commit is confirmed in storage, and with it its <c>brands</c> row.</summary>
    public static async Task ConfirmedAsync(ReturnDesk desk, Guid brandId)
    {
        ArgumentNullException.ThrowIfNull(desk);
        var brand = desk.Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IBrandGrain>(brandId);
        await StoredState.ConfirmedAsync(desk.Database, brand.GetGrainId(), "brand", Ct);
    }
}
