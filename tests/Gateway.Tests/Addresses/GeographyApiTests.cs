using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GrainMarket.Common;
using GrainMarket.Gateway.Tests.Catalog;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Addresses;

/// <summary>The reference geography through HTTP: the Pakistani seed, and admins adding, renaming and removing places.</summary>
public sealed class GeographyApiTests(MarketplaceFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pakistan_is_seeded_with_its_provinces_and_territories_and_their_main_cities()
    {
        using var anonymous = factory.CreateClient();

        var countries = await Json.ReadAsync(await anonymous.GetAsync(new Uri("/api/geo/countries", UriKind.Relative), Ct));
        var provinces = await Json.ReadAsync(await anonymous.GetAsync(new Uri("/api/geo/countries/pk/provinces", UriKind.Relative), Ct));
        var (sindh, _) = await AddressSeed.SeededAsync(anonymous, "Sindh");
        var (capital, _) = await AddressSeed.SeededAsync(anonymous, "Islamabad Capital Territory");
        var sindhCities = await Json.ReadAsync(await anonymous.GetAsync(new Uri($"/api/geo/provinces/{sindh}/cities", UriKind.Relative), Ct));
        var capitalCities = await Json.ReadAsync(await anonymous.GetAsync(new Uri($"/api/geo/provinces/{capital}/cities", UriKind.Relative), Ct));

        Assert.Contains(countries.EnumerateArray(), c => c.GetProperty("code").GetString() == "PK" && c.GetProperty("name").GetString() == "Pakistan");
        Assert.Equal(
            ["Azad Jammu and Kashmir", "Balochistan", "Gilgit-Baltistan", "Islamabad Capital Territory", "Khyber Pakhtunkhwa", "Punjab", "Sindh"],
            provinces.EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        Assert.All(provinces.EnumerateArray(), p => Assert.Equal("PK", p.GetProperty("countryCode").GetString()));
        Assert.Equal(
            ["Hyderabad", "Jacobabad", "Karachi", "Larkana", "Mirpur Khas", "Nawabshah", "Sukkur", "Thatta"],
            sindhCities.EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.All(sindhCities.EnumerateArray(), c => Assert.Equal(sindh, c.GetProperty("provinceId").GetGuid()));
        Assert.Equal(["Islamabad"], capitalCities.EnumerateArray().Select(c => c.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task An_admin_adds_renames_and_removes_a_country_its_provinces_and_cities()
    {
        using var admin = await TestUsers.AdminAsync(factory);
        using var anonymous = factory.CreateClient();
        var code = await CountryAsync(admin, "Testland");
        var province = await CreatedAsync(admin, $"/api/admin/geo/countries/{code.ToLowerInvariant()}/provinces", "North");
        var provinceId = province.GetProperty("id").GetGuid();
        var city = await CreatedAsync(admin, $"/api/admin/geo/provinces/{provinceId}/cities", "Harbour");
        var cityId = city.GetProperty("id").GetGuid();

        Assert.Equal(code, province.GetProperty("countryCode").GetString());
        Assert.Equal(provinceId, city.GetProperty("provinceId").GetGuid());
        var republic = CatalogSeed.UniqueName("Testland Republic");
        await Json.ReadAsync(await admin.Client.PatchAsJsonAsync($"/api/admin/geo/countries/{code}", new { name = republic }, Ct));
        await Json.ReadAsync(await admin.Client.PatchAsJsonAsync($"/api/admin/geo/provinces/{provinceId}", new { name = "Northern" }, Ct));
        var renamed = await Json.ReadAsync(await admin.Client.PatchAsJsonAsync($"/api/admin/geo/cities/{cityId}", new { name = "Old Harbour" }, Ct));
        Assert.Equal("Old Harbour", renamed.GetProperty("name").GetString());

        var countries = await Json.ReadAsync(await anonymous.GetAsync(new Uri("/api/geo/countries", UriKind.Relative), Ct));
        Assert.Equal(republic, countries.EnumerateArray().Single(c => c.GetProperty("code").GetString() == code).GetProperty("name").GetString());
        Assert.Equal(["Northern"], await NamesAsync(anonymous, $"/api/geo/countries/{code}/provinces"));
        Assert.Equal(["Old Harbour"], await NamesAsync(anonymous, $"/api/geo/provinces/{provinceId}/cities"));

        // Siblings differ in name whatever the case; cousins may share one.
        await Problems.AssertAsync(await admin.Client.SendAsync(Shop.Post($"/api/admin/geo/provinces/{provinceId}/cities", new { name = "OLD HARBOUR" }, Guid.NewGuid().ToString()), Ct), HttpStatusCode.Conflict, ErrorCodes.GeoNameTaken, "name");
        await Problems.AssertAsync(await admin.Client.SendAsync(Shop.Post($"/api/admin/geo/countries/{code}/provinces", new { name = "northern" }, Guid.NewGuid().ToString()), Ct), HttpStatusCode.Conflict, ErrorCodes.GeoNameTaken, "name");
        await Problems.AssertAsync(await admin.Client.SendAsync(Shop.Post("/api/admin/geo/countries", new { code, name = "Elsewhere" }, Guid.NewGuid().ToString()), Ct), HttpStatusCode.Conflict, ErrorCodes.GeoNameTaken, "code");
        var south = (await CreatedAsync(admin, $"/api/admin/geo/countries/{code}/provinces", "South")).GetProperty("id").GetGuid();
        await CreatedAsync(admin, $"/api/admin/geo/provinces/{south}/cities", "Old Harbour");

        // Only an empty country or province goes.
        var countryInUse = await Problems.AssertAsync(await admin.Client.DeleteAsync(new Uri($"/api/admin/geo/countries/{code}", UriKind.Relative), Ct), HttpStatusCode.Conflict, ErrorCodes.GeoNotEmpty);
        var provinceInUse = await Problems.AssertAsync(await admin.Client.DeleteAsync(new Uri($"/api/admin/geo/provinces/{provinceId}", UriKind.Relative), Ct), HttpStatusCode.Conflict, ErrorCodes.GeoNotEmpty);
        Assert.Equal((2, 1), (countryInUse.GetProperty("provinces").GetInt32(), provinceInUse.GetProperty("cities").GetInt32()));

        foreach (var path in new[] { $"/api/admin/geo/cities/{cityId}", $"/api/admin/geo/provinces/{provinceId}" })
        {
            Assert.Equal(HttpStatusCode.NoContent, (await admin.Client.DeleteAsync(new Uri(path, UriKind.Relative), Ct)).StatusCode);
        }

        await Problems.AssertAsync(await anonymous.GetAsync(new Uri($"/api/geo/provinces/{provinceId}/cities", UriKind.Relative), Ct), HttpStatusCode.NotFound, ErrorCodes.ProvinceNotFound);
        await Problems.AssertAsync(await admin.Client.PatchAsJsonAsync($"/api/admin/geo/cities/{cityId}", new { name = "Gone" }, Ct), HttpStatusCode.NotFound, ErrorCodes.CityNotFound);
        Assert.Equal(["South"], await NamesAsync(anonymous, $"/api/geo/countries/{code}/provinces"));
    }

    [Fact]
    public async Task Removing_a_city_keeps_the_addresses_that_named_it()
    {
        using var admin = await TestUsers.AdminAsync(factory);
        using var buyer = await TestUsers.CreateAsync(factory, "buyer");
        var code = await CountryAsync(admin, "Citiless");
        var provinceId = (await CreatedAsync(admin, $"/api/admin/geo/countries/{code}/provinces", "East")).GetProperty("id").GetGuid();
        var cityId = (await CreatedAsync(admin, $"/api/admin/geo/provinces/{provinceId}/cities", "Riverside")).GetProperty("id").GetGuid();
        var body = new Dictionary<string, object?> { ["label"] = "Home", ["line1"] = "1 Bank Street", ["postalCode"] = "100", ["country"] = code, ["provinceId"] = provinceId, ["cityId"] = cityId };
        var saved = await AddressSeed.SaveAsync(buyer, body);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.Client.DeleteAsync(new Uri($"/api/admin/geo/cities/{cityId}", UriKind.Relative), Ct)).StatusCode);

        var kept = Assert.Single(await AddressSeed.ListAsync(buyer));
        Assert.Equal(saved.GetProperty("id").GetGuid(), kept.GetProperty("id").GetGuid());
        Assert.Equal(("Riverside", "East", cityId), (kept.GetProperty("city").GetString(), kept.GetProperty("region").GetString(), kept.GetProperty("cityId").GetGuid()));

        // Saving it again must name a place that exists.
        await Problems.AssertAsync(await buyer.Client.PutAsJsonAsync($"/api/me/addresses/{kept.GetProperty("id").GetGuid()}", body, Ct), HttpStatusCode.BadRequest, ErrorCodes.Validation, "cityId");
    }

    [Fact]
    public async Task Bad_codes_and_names_are_refused_and_only_admins_change_the_geography()
    {
        using var admin = await TestUsers.AdminAsync(factory);
        using var buyer = await TestUsers.CreateAsync(factory, "buyer");
        using var anonymous = factory.CreateClient();

        await Problems.AssertAsync(await admin.Client.SendAsync(Shop.Post("/api/admin/geo/countries", new { code = "PAK", name = "Pakistan" }, Guid.NewGuid().ToString()), Ct), HttpStatusCode.BadRequest, ErrorCodes.Validation, "code");
        await Problems.AssertAsync(await admin.Client.SendAsync(Shop.Post("/api/admin/geo/countries", new { code = "P1", name = "Pakistan" }, Guid.NewGuid().ToString()), Ct), HttpStatusCode.BadRequest, ErrorCodes.Validation, "code");
        await Problems.AssertAsync(await admin.Client.SendAsync(Shop.Post("/api/admin/geo/countries/PK/provinces", new { name = new string('n', 101) }, Guid.NewGuid().ToString()), Ct), HttpStatusCode.BadRequest, ErrorCodes.Validation, "name");
        await Problems.AssertAsync(await admin.Client.SendAsync(Shop.Post("/api/admin/geo/countries/PK/provinces", new { name = "sindh" }, Guid.NewGuid().ToString()), Ct), HttpStatusCode.Conflict, ErrorCodes.GeoNameTaken, "name");
        await Problems.AssertAsync(await admin.Client.SendAsync(Shop.Post($"/api/admin/geo/provinces/{Guid.NewGuid()}/cities", new { name = "Nowhere" }, Guid.NewGuid().ToString()), Ct), HttpStatusCode.NotFound, ErrorCodes.ProvinceNotFound);
        await Problems.AssertAsync(await anonymous.GetAsync(new Uri("/api/geo/countries/P%201/provinces", UriKind.Relative), Ct), HttpStatusCode.BadRequest, ErrorCodes.Validation, "code");

        await Problems.AssertAsync(await buyer.Client.SendAsync(Shop.Post("/api/admin/geo/countries", new { code = "QQ", name = "Buyerland" }, Guid.NewGuid().ToString()), Ct), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await Problems.AssertAsync(await anonymous.DeleteAsync(new Uri("/api/admin/geo/countries/PK", UriKind.Relative), Ct), HttpStatusCode.Unauthorized, ErrorCodes.Unauthenticated);
        Assert.Equal(7, (await Json.ReadAsync(await anonymous.GetAsync(new Uri("/api/geo/countries/PK/provinces", UriKind.Relative), Ct))).GetArrayLength());
    }

    /// <summary>
    /// Adds a country under a user-assigned ISO code (X? or Q?) that no other test took: tests share the geography.
    /// Returns the code.
    /// </summary>
    private static async Task<string> CountryAsync(TestUser admin, string name)
    {
        var codes = "XQ".SelectMany(first => Enumerable.Range('A', 26).Select(second => $"{first}{(char)second}")).ToArray();
        Random.Shared.Shuffle(codes);
        foreach (var code in codes)
        {
            using var response = await admin.Client.SendAsync(Shop.Post("/api/admin/geo/countries", new { code, name = $"{name} {Guid.NewGuid():N}" }, Guid.NewGuid().ToString()), Ct);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                return code;
            }

            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        }

        throw new InvalidOperationException("Every X? and Q? country code is taken.");
    }

    private static async Task<JsonElement> CreatedAsync(TestUser admin, string path, string name) =>
        await Json.ReadAsync(await admin.Client.SendAsync(Shop.Post(path, new { name }, Guid.NewGuid().ToString()), Ct), HttpStatusCode.Created);

    private static async Task<string[]> NamesAsync(HttpClient client, string path) =>
        [.. (await Json.ReadAsync(await client.GetAsync(new Uri(path, UriKind.Relative), Ct))).EnumerateArray().Select(e => e.GetProperty("name").GetString()!)];
}
