using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GrainMarket.Common;

namespace GrainMarket.Gateway.Tests.Support;

/// <summary>Creates users through the public API, as a client would.</summary>
public static class TestUsers
{
    /// <summary>
    /// A new account holding <paramref name="roles"/> (the first is active), logged in. Self-assignable roles register
    /// themselves; couriers, investors and admins are created by the bootstrap admin.
    /// </summary>
    public static async Task<TestUser> CreateAsync(GatewayFactory factory, params string[] roles)
    {
        ArgumentNullException.ThrowIfNull(factory);
        roles = roles.Length == 0 ? [Roles.Buyer] : roles;
        var email = $"u-{Guid.NewGuid():N}@grainmarket.test";
        const string Password = "correct horse battery";
        var body = new { email, password = Password, displayName = $"Test {roles[0]}", roles };
        using (var anonymous = factory.CreateClient())
        {
            if (roles.All(r => Roles.SelfAssignable.Contains(r)))
            {
                using var registered = await anonymous.PostAsJsonAsync("/api/auth/register", body);
                await EnsureAsync(registered);
            }
            else
            {
                using var admin = await AdminAsync(factory);
                using var created = await admin.Client.PostAsJsonAsync("/api/admin/users", body);
                await EnsureAsync(created);
            }
        }

        return await LoginAsync(factory, email, Password);
    }

    /// <summary>The bootstrap admin (<see cref="MarketplaceFactory.AdminEmail"/>; a factory of its own must configure the same), logged in.</summary>
    public static Task<TestUser> AdminAsync(GatewayFactory factory) => LoginAsync(factory, MarketplaceFactory.AdminEmail, MarketplaceFactory.AdminPassword);

    public static async Task<TestUser> LoginAsync(GatewayFactory factory, string email, string password)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var client = factory.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        await EnsureAsync(response);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.RootElement.GetProperty("accessToken").GetString());
        var id = body.RootElement.GetProperty("user").GetProperty("id").GetGuid();
        return new TestUser(id, email, password, client);
    }

    private static async Task EnsureAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
