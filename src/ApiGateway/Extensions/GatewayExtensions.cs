using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace GrainMarket.ApiGateway.Extensions;

public static class GatewayExtensions
{
    /// <summary>Registers the REST gateway: problem details, OpenAPI and health checks.</summary>
    public static IHostApplicationBuilder AddGrainMarketGateway(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.AddHealthChecks().AddCheck<ReadinessCheck>("ready", tags: ["ready"]);
        return builder;
    }

    /// <summary>Maps the gateway's endpoints: health, OpenAPI document, Swagger UI and the REST resources.</summary>
    public static WebApplication MapGrainMarketGateway(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapGet("/healthz", () => TypedResults.Ok(new { status = "alive" })).ExcludeFromDescription();
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.MapOpenApi();
        app.UseSwaggerUI(options => options.SwaggerEndpoint("/openapi/v1.json", "GrainMarket v1"));
        return app;
    }
}
