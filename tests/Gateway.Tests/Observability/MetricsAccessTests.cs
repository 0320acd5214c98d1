using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using GrainMarket.Gateway.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace GrainMarket.Gateway.Tests.Observability;

/// <summary>
/// <c>/metrics</c> outside Development (an in-memory silo in the Production environment): a scraper presents the
/// configured token, an admin may look, anyone else is refused. And the trace id of a request is on its log lines.
/// </summary>
public sealed class MetricsAccessTests(MetricsAccessTests.ProductionGateway factory) : IClassFixture<MetricsAccessTests.ProductionGateway>
{
    private const string Token = "scrape-token-for-tests";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Outside_Development_the_metrics_need_the_scrape_token_or_an_admin()
    {
        using var anonymous = factory.CreateClient();
        using var buyer = await TestUsers.CreateAsync(factory, "buyer");
        using var admin = await TestUsers.AdminAsync(factory);

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(anonymous, null));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(anonymous, "wrong-token"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(anonymous, Token + "x"));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(buyer.Client, null));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(anonymous, Token));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(admin.Client, null));
    }

    [Fact]
    public async Task A_refused_scrape_gets_a_problem_body()
    {
        using var anonymous = factory.CreateClient();

        using var response = await anonymous.GetAsync(new Uri("/metrics", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("grainmarket_", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Log_lines_written_during_a_request_carry_its_trace_id()
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var anonymous = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");

        using var response = await anonymous.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = factory.Logs.Entries.Where(e => e.Scope.GetValueOrDefault("TraceId") == traceId).ToList();
        Assert.Contains(lines, e => e.Category == "Microsoft.AspNetCore.Hosting.Diagnostics" && e.Message.Contains("/healthz", StringComparison.Ordinal));
        Assert.All(lines, e => Assert.Equal(32, e.Scope["TraceId"]!.Length));
        Assert.All(lines, e => Assert.Equal(16, e.Scope["SpanId"]?.Length));

        // The console's formatter, as configured, writes such a line with the trace id.
        var console = factory.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;
        var formatter = Assert.Single(factory.Services.GetServices<ConsoleFormatter>(), f => f.Name == console.FormatterName);
        var scopes = new LoggerExternalScopeProvider();
        var pushed = lines[0].Scopes.Select(scope => scopes.Push(scope)).ToList();
        using var written = new StringWriter();
        formatter.Write(new LogEntry<string>(LogLevel.Information, lines[0].Category, new EventId(1), lines[0].Message, null, (message, _) => message), scopes, written);
        pushed.AsEnumerable().Reverse().ToList().ForEach(scope => scope.Dispose());
        Assert.Contains($"TraceId:{traceId}", written.ToString(), StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await client.SendAsync(request, Ct);
        return response.StatusCode;
    }

    /// <summary>An in-memory silo and gateway in the Production environment, with a scrape token, whose logs are captured.</summary>
    public sealed class ProductionGateway() : GatewayFactory(postgres: false, new Dictionary<string, string>
    {
        ["GRAINMARKET_METRICS_TOKEN"] = Token,

        // Outside Development the published test key is refused.
        ["GRAINMARKET_JWT_KEY"] = IsolatedFactory.RandomJwtKey(),
        ["GRAINMARKET_ADMIN_EMAIL"] = MarketplaceFactory.AdminEmail,
        ["GRAINMARKET_ADMIN_PASSWORD"] = MarketplaceFactory.AdminPassword,
    })
    {
        public CapturedLogs Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
            builder.ConfigureLogging(logging => logging.AddProvider(Logs).AddFilter<CapturedLogs>(null, LogLevel.Information));
        }
    }
}
