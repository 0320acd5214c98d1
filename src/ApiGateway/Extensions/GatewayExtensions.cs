using GrainMarket.ApiGateway.Apis;
using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.ReadModels;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Npgsql;

namespace GrainMarket.ApiGateway.Extensions;

public static class GatewayExtensions
{
    /// <summary>Registers the REST gateway: problem details with stable codes, authentication, OpenAPI, read models and health checks.</summary>
    public static IHostApplicationBuilder AddGrainMarketGateway(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
            context.ProblemDetails.Extensions.TryAdd("code", DomainProblems.CodeOf(status));
        });
        builder.Services.AddExceptionHandler<DomainExceptionHandler>();
        builder.Services.AddOpenApi();
        builder.Services.AddHealthChecks().AddCheck<ReadinessCheck>("ready", tags: ["ready"]);
        builder.Services.AddSingleton(sp => new ReadModelDatabase(sp.GetService<NpgsqlDataSource>()));
        builder.Services.AddSingleton(new MarketplaceSettings(builder.Configuration));
        builder.AddGrainMarketAuth();
        return builder;
    }

    /// <summary>Maps the gateway's endpoints: health, OpenAPI document, Swagger UI and the REST resources.</summary>
    public static WebApplication MapGrainMarketGateway(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseMiddleware<IdempotencyMiddleware>();
        app.MapGet("/healthz", () => TypedResults.Ok(new { status = "alive" })).ExcludeFromDescription();
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.MapOpenApi();
        app.UseSwaggerUI(options => options.SwaggerEndpoint("/openapi/v1.json", "GrainMarket v1"));
        app.MapWalletApi();
        app.MapAdminWalletApi();
        return app;
    }
}
