using System.Net;
using System.Text.Json;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Addresses;

/// <summary>Saved addresses through the public API, and the ids of the seeded Pakistani provinces and cities.</summary>
public static class AddressSeed
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A written-out address in the United States (no reference data): every field the book takes.</summary>
    public static Dictionary<string, object?> Home(string label = "Home") => new()
    {
        ["label"] = label,
        ["line1"] = "12 Elm Street",
        ["city"] = "Springfield",
        ["region"] = "IL",
        ["postalCode"] = "62704",
        ["country"] = "US",
        ["phone"] = "+12175550100",
        ["latitude"] = 39.7817,
        ["longitude"] = -89.6501,
    };

    /// <summary>An address in Pakistan named by the seeded province (and city) ids, with no region or city text.</summary>
    public static Dictionary<string, object?> InPakistan(Guid provinceId, Guid? cityId, string label = "Office") => new()
    {
        ["label"] = label,
        ["line1"] = "House 7, Street 3",
        ["postalCode"] = "54000",
        ["country"] = "PK",
        ["provinceId"] = provinceId,
        ["cityId"] = cityId,
    };

    /// <summary>The id of a seeded Pakistani province, and of one of its cities when named, looked up by name in the public lists.</summary>
    public static async Task<(Guid Province, Guid? City)> SeededAsync(HttpClient client, string province, string? city = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var provinces = await Json.ReadAsync(await client.GetAsync(new Uri("/api/geo/countries/PK/provinces", UriKind.Relative), Ct));
        var provinceId = provinces.EnumerateArray().Single(p => p.GetProperty("name").GetString() == province).GetProperty("id").GetGuid();
        if (city is null)
        {
            return (provinceId, null);
        }

        var cities = await Json.ReadAsync(await client.GetAsync(new Uri($"/api/geo/provinces/{provinceId}/cities", UriKind.Relative), Ct));
        return (provinceId, cities.EnumerateArray().Single(c => c.GetProperty("name").GetString() == city).GetProperty("id").GetGuid());
    }

    public static async Task<HttpResponseMessage> PostAsync(TestUser user, object body, string? key = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        return await user.Client.SendAsync(Shop.Post("/api/me/addresses", body, key ?? Guid.NewGuid().ToString()), Ct);
    }

    public static async Task<JsonElement> SaveAsync(TestUser user, object body, string? key = null) =>
        await Json.ReadAsync(await PostAsync(user, body, key), HttpStatusCode.Created);

    public static async Task<JsonElement[]> ListAsync(TestUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return [.. (await Json.ReadAsync(await user.Client.GetAsync(new Uri("/api/me/addresses", UriKind.Relative), Ct))).EnumerateArray()];
    }

    /// <summary>The id of the one default address of the list (null when none), asserting there is at most one.</summary>
    public static Guid? DefaultOf(JsonElement[] addresses) =>
        addresses.Where(a => a.GetProperty("isDefault").GetBoolean()).Select(a => (Guid?)a.GetProperty("id").GetGuid()).SingleOrDefault();
}
