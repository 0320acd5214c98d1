using System.Net;
using System.Text.Json;

using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests;

public sealed class ServiceBasicsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Liveness_and_readiness_answer_ok_once_the_silo_is_up(bool postgres)
    {
        // On PostgreSQL in a schema of its own: a second silo on the shared rows could pick up the shared silo's reminders.
        await using var factory = postgres ? await IsolatedFactory.StartAsync(new Dictionary<string, string>(), Ct) : new GatewayFactory(postgres: false);
        using var client = factory.CreateClient();

        var alive = await client.GetAsync(new Uri("/healthz", UriKind.Relative), Ct);
        var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task The_OpenAPI_document_and_Swagger_UI_are_served()
    {
        await using var factory = new GatewayFactory(postgres: false);
        using var client = factory.CreateClient();

        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), Ct));
        var swagger = await client.GetAsync(new Uri("/swagger/index.html", UriKind.Relative), Ct);

        Assert.StartsWith("3.", document.RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, swagger.StatusCode);
    }

    [Fact]
    public async Task An_unknown_route_gets_an_RFC_9457_problem_response()
    {
        await using var factory = new GatewayFactory(postgres: false);
        using var client = factory.CreateClient();

        var response = await client.GetAsync(new Uri("/api/no-such-resource", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(404, problem.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task The_silo_refuses_to_start_without_a_database_or_the_in_memory_switch()
    {
        await using var factory = new UnconfiguredFactory();

        var error = Assert.Throws<InvalidOperationException>(() => factory.CreateClient());

        Assert.Contains("GRAINMARKET_DB", error.Message, StringComparison.Ordinal);
    }

    private sealed class UnconfiguredFactory : Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            builder.UseSetting("GRAINMARKET_DB", "");
            builder.UseSetting("GRAINMARKET_IN_MEMORY", "false");
        }
    }
}
