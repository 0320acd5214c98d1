using System.Net;
using System.Net.Http.Json;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Accounts;

/// <summary>
/// E-mail addresses are ASCII: a look-alike such as the Kelvin sign U+212A (which lower-cases to <c>k</c>) is refused
/// wherever an address enters, instead of being folded into someone else's address.
/// </summary>
public sealed class EmailAddressTests(MarketplaceFactory factory)
{
    private const string Password = "correct horse battery";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_Kelvin_sign_address_reaches_neither_registration_nor_login_nor_reset_of_karen()
    {
        var local = $"karen-{Guid.NewGuid():N}";
        var karen = $"{local}@x.test";
        var kelvin = $"\u212A{local[1..]}@x.test";
        using var client = factory.CreateClient();
        using var admin = await TestUsers.AdminAsync(factory);
        Assert.True((await client.PostAsJsonAsync("/api/auth/register", new { email = karen, password = Password, displayName = "Karen" }, Ct)).IsSuccessStatusCode);

        await Problems.AssertAsync(await client.PostAsJsonAsync("/api/auth/register", new { email = kelvin, password = "the impostor's passphrase", displayName = "Kelvin" }, Ct), HttpStatusCode.BadRequest, "validation-failed", "email");
        await Problems.AssertAsync(await client.PostAsJsonAsync("/api/auth/login", new { email = kelvin, password = Password }, Ct), HttpStatusCode.BadRequest, "validation-failed", "email");
        await Problems.AssertAsync(await client.PostAsJsonAsync("/api/auth/password/forgot", new { email = kelvin }, Ct), HttpStatusCode.BadRequest, "validation-failed", "email");
        await Problems.AssertAsync(await admin.Client.PostAsJsonAsync("/api/admin/users", new { email = kelvin, password = Password, displayName = "Kelvin", roles = new[] { "buyer" } }, Ct), HttpStatusCode.BadRequest, "validation-failed", "email");

        // Karen's account is hers alone: her password works, the impostor's does not.
        using var signedIn = await TestUsers.LoginAsync(factory, karen, Password);
        await Problems.AssertAsync(await client.PostAsJsonAsync("/api/auth/login", new { email = karen, password = "the impostor's passphrase" }, Ct), HttpStatusCode.Unauthorized, "invalid-credentials");
    }

    [Theory]
    [InlineData("\uFF4Baren@x.test")]
    [InlineData("k\u0430ren@x.test")]
    [InlineData("karen@b\u00FCcher.test")]
    [InlineData("karen@x.test\u00A0")]
    public async Task A_non_ASCII_address_is_refused_at_registration_naming_the_field_and_rule(string email)
    {
        using var client = factory.CreateClient();

        var problem = await Problems.AssertAsync(await client.PostAsJsonAsync("/api/auth/register", new { email, password = Password, displayName = "Look-alike" }, Ct), HttpStatusCode.BadRequest, "validation-failed", "email");

        Assert.Contains("ASCII", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_internationalised_domain_in_punycode_registers()
    {
        using var client = factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/auth/register", new { email = $"k-{Guid.NewGuid():N}@xn--bcher-kva.test", password = Password, displayName = "Punycode" }, Ct);

        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}");
    }
}
