using System.Net;
using System.Text.Json;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Shipping;

/// <summary>
/// A silo of its own (a schema of its own) for the shipping tests: its zones must never reach the shared marketplace,
/// whose tests ship anywhere at no charge. Each test uses countries of its own, so their zones never meet.
/// </summary>
public sealed class ShippingMarket : IAsyncLifetime
{
    private IsolatedFactory? _factory;

    public IsolatedFactory Factory => _factory ?? throw new InvalidOperationException("The shipping market has not started.");

    public Shop Shop => new(Factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _factory = await IsolatedFactory.StartAsync(new Dictionary<string, string>(), CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    /// <summary>An address in <paramref name="country"/>.</summary>
    public static object Address(string country, string postalCode, string region = "") =>
        new { line1 = "1 Dock Road", city = "Port", region, postalCode, country };

    /// <summary>Creates a zone through the admin API and returns it.</summary>
    public static async Task<JsonElement> ZoneAsync(TestUser admin, object zone)
    {
        ArgumentNullException.ThrowIfNull(admin);
        return await Json.ReadAsync(await admin.Client.SendAsync(Shop.Post("/api/admin/shipping/zones", zone, Guid.NewGuid().ToString()), Ct), HttpStatusCode.Created);
    }

    /// <summary>A zone body: one weight bracket per (upToGrams, amount) pair.</summary>
    public static object ZoneBody(string name, string country, string[]? prefixes = null, string[]? regions = null, (long? UpTo, long Amount)[]? weights = null, (long? UpTo, long Amount)[]? values = null, long? freeShippingThreshold = null, int? estimatedDays = null) => new
    {
        name,
        country,
        postalPrefixes = prefixes,
        regions,
        weightRates = (weights ?? [(null, 0)]).Select(w => new { upToGrams = w.UpTo, amount = w.Amount }).ToArray(),
        valueRates = values?.Select(v => new { upToValue = v.UpTo, amount = v.Amount }).ToArray(),
        freeShippingThreshold,
        estimatedDays,
    };
}
