using System.Security.Cryptography;
using System.Text;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Cluster;
using GrainMarket.ApiGateway.ReadModels;
using GrainMarket.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Logging.Console;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Diagnostics;

namespace GrainMarket.ApiGateway.Extensions;

public static class TelemetryExtensions
{
    /// <summary>Where Prometheus scrapes the metrics.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>
    /// The bearer token that a scraper presents outside Development (<c>GRAINMARKET_METRICS_TOKEN</c>); without it only an
    /// admin may read the metrics there.
    /// </summary>
    public const string MetricsTokenSetting = "GRAINMARKET_METRICS_TOKEN";

    /// <summary>The meters exported besides GrainMarket's own and the runtime's.</summary>
    private static readonly string[] Meters =
    [
        "Microsoft.Orleans",
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
    ];

    /// <summary>Requests that are not traced: probes and scrapes, which come every few seconds and say nothing.</summary>
    private static readonly string[] Untraced = [MetricsPath, "/healthz", "/readyz"];

    /// <summary>
    /// Whether traces go out by OTLP: when the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (or its traces-only variant)
    /// names a collector. The exporter reads those variables itself, with the rest of <c>OTEL_EXPORTER_OTLP_*</c>.
    /// </summary>
    public static bool ExportsTraces(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])
            || !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"]);
    }

    /// <summary>
    /// OpenTelemetry for the silo and for the standalone gateway: metrics of Orleans, ASP.NET Core, Npgsql, the .NET
    /// runtime and GrainMarket (<see cref="MarketMetrics"/>, <see cref="MarketGauges"/>) for the Prometheus endpoint
    /// that <see cref="MapGrainMarketMetrics"/> maps; traces of ASP.NET Core, Npgsql, Orleans and GrainMarket, exported by
    /// OTLP only when <see cref="ExportsTraces"/>; and the trace and span ids on every console log line (as a scope).
    /// The service is named by <c>OTEL_SERVICE_NAME</c>, else <c>grainmarket-silo</c> or <c>grainmarket-gateway</c>.
    /// Call it after the Orleans client of a standalone gateway is added, as <c>AddGrainMarketGateway</c> does.
    /// </summary>
    public static IHostApplicationBuilder AddGrainMarketTelemetry(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var standalone = builder.Services.Any(service => service.ServiceType == typeof(ClusterConnection));
        var serviceName = builder.Configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } named ? named
            : standalone ? "grainmarket-gateway"
            : "grainmarket-silo";

        builder.Services.AddHostedService<MarketGauges>();

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics => metrics
                .AddMeter(MarketMetrics.Name)
                .AddMeter(Meters)
                .AddNpgsqlInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter(options => options.ScrapeResponseCacheDurationMilliseconds = 0));
        if (ExportsTraces(builder.Configuration))
        {
            // Orleans' spans cover grain calls (with AddActivityPropagation on the silo and the client, one trace crosses them).
            telemetry.WithTracing(tracing => tracing
                .AddSource(MarketMetrics.Name)
                .AddSource(ActivitySources.ApplicationGrainActivitySourceName, ActivitySources.RuntimeActivitySourceName)
                .AddAspNetCoreInstrumentation(options => options.Filter = http => !Untraced.Contains(http.Request.Path.Value, StringComparer.OrdinalIgnoreCase))
                .AddNpgsql()
                .AddOtlpExporter());
        }

        // ASP.NET Core starts an activity per request (and Orleans one per traced grain call); its ids are a scope of every
        // log line written under it, which the console shows once scopes are on. A formatter must be named: without a
        // name the console logger builds the simple formatter's options from its own obsolete ones and ignores these.
        builder.Logging.Configure(options => options.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        builder.Services.PostConfigure<ConsoleLoggerOptions>(options => options.FormatterName ??= ConsoleFormatterNames.Simple);
        builder.Services.Configure<SimpleConsoleFormatterOptions>(options => options.IncludeScopes = true);
        builder.Services.Configure<JsonConsoleFormatterOptions>(options => options.IncludeScopes = true);
        return builder;
    }

    /// <summary>
    /// Maps <see cref="MetricsPath"/> (Prometheus text format), left out of the OpenAPI description. In Development anyone
    /// may read it; elsewhere a scraper presenting <see cref="MetricsTokenSetting"/> as its bearer token, or an admin.
    /// </summary>
    public static WebApplication MapGrainMarketMetrics(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var open = app.Environment.IsDevelopment();
        var token = app.Configuration[MetricsTokenSetting] is { Length: > 0 } configured ? Encoding.UTF8.GetBytes($"Bearer {configured}") : null;
        app.MapPrometheusScrapingEndpoint(
                MetricsPath,
                meterProvider: null,
                configureBranchedPipeline: branch => branch.Use((http, next) => open ? next(http) : RequireScraperAsync(http, next, token)),
                optionsName: null)
            .ExcludeFromDescription();
        return app;
    }

    private static async Task RequireScraperAsync(HttpContext http, RequestDelegate next, byte[]? token)
    {
        var presented = Encoding.UTF8.GetBytes(http.Request.Headers.Authorization.ToString());
        if (token is not null && CryptographicOperations.FixedTimeEquals(presented, token))
        {
            await next(http);
            return;
        }

        var authorization = http.RequestServices.GetRequiredService<IAuthorizationService>();
        if ((await authorization.AuthorizeAsync(http.User, Policies.Admin)).Succeeded)
        {
            await next(http);
            return;
        }

        http.Response.StatusCode = http.User.Identity?.IsAuthenticated == true ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized;
    }
}
