using GrainMarket.ApiGateway.Apis;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.ReadModels;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace GrainMarket.ApiGateway.Extensions;

public static class GatewayExtensions
{
    /// <summary>The largest request body the gateway reads (1 MiB): larger ones get 413.</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    /// <summary>Registers the gateway: problem details with stable codes, authentication, OpenAPI, read models, health checks, the auctions' live stream and telemetry.</summary>
    public static IHostApplicationBuilder AddGrainMarketGateway(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
            context.ProblemDetails.Extensions.TryAdd("code", DomainProblems.CodeOf(status));
        });
        builder.Services.AddExceptionHandler<DomainExceptionHandler>();
        builder.AddGrainMarketOpenApi();
        var drain = ShutdownDrain.From(builder.Configuration, builder.Environment);
        builder.Services.AddSingleton(drain);
        builder.Services.AddSingleton<HostRunning>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<HostRunning>());
        builder.Services.PostConfigure<HostOptions>(options => options.ShutdownTimeout += drain.Delay);
        builder.Services.AddHealthChecks().AddCheck<ReadinessCheck>("ready", tags: ["ready"]);
        builder.Services.AddSingleton(sp => new ReadModelDatabase(sp.GetService<NpgsqlDataSource>()));
        builder.Services.AddSingleton(new MarketplaceSettings(builder.Configuration));
        builder.Services.AddSingleton(new GrainMarket.ApiGateway.Apis.Promoters.ReferralSettings(builder.Configuration));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddGrainMarketAuth();
        builder.AddGrainMarketExternalSignIn();
        builder.AddGrainMarketLiveStream();
        builder.AddGrainMarketTelemetry();
        builder.AddGrainMarketCarrier();
        builder.AddGrainMarketPayments();
        builder.AddGrainMarketMedia();
        builder.AddGrainMarketCatalogCaching();
        builder.AddGrainMarketAnalytics();

        // Bodies are small JSON documents: cap their nesting (and their size, in RequestSizeLimitMiddleware).
        // A field the API does not know is a mistake (a typo, a client for another version), not something to ignore.
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.MaxDepth = 32;
            json.SerializerOptions.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow;
        });

        // An unreadable body becomes an exception in every environment, so DomainExceptionHandler answers it with a
        // problem naming the JSON path (instead of a bare 400 outside Development).
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);

        // Browsers may call the API only from the origins in GRAINMARKET_CORS_ORIGINS (comma-separated); none by default.
        // Writes sent with the session cookies must come from the same origins (CrossOriginWriteMiddleware).
        var origins = CrossOriginWriteMiddleware.ConfiguredOrigins(builder.Configuration);
        builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy => policy.WithOrigins(origins).AllowAnyHeader().AllowAnyMethod().AllowCredentials()));

        // No "Server: Kestrel" on responses: nothing tells a visitor which server software to look up.
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel => kestrel.AddServerHeader = false);
        return builder;
    }

    /// <summary>
    /// Maps the gateway's endpoints: health, metrics, OpenAPI document and Swagger UI (anonymous in Development; elsewhere
    /// for admins only, so the API's map is not handed to every visitor), the REST resources and the live stream.
    /// </summary>
    public static WebApplication MapGrainMarketGateway(this WebApplication app)
    {
        // First, so that everything after sees the client's address (GRAINMARKET_TRUSTED_PROXIES decides whose headers count).
        app.UseForwardedHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseMiddleware<RequestSizeLimitMiddleware>();
        app.UseCors();
        app.UseWebSockets();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        // Before idempotency: a repeated key counts against the caller's limits like any request.
        app.Use(UsageRateLimits.LimitAsync);
        app.UseMiddleware<CrossOriginWriteMiddleware>();
        app.UseMiddleware<ControlCharacterMiddleware>();
        app.UseMiddleware<UnknownQueryMiddleware>();
        app.UseMiddleware<IdempotencyMiddleware>();
        app.UseOutputCache();
        app.MapGet("/healthz", () => TypedResults.Ok(new { status = "alive" })).ExcludeFromDescription();
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.MapGrainMarketMetrics();
        var openApi = app.MapOpenApi();
        if (!app.Environment.IsDevelopment())
        {
            openApi.RequireAuthorization(Policies.Admin);
            app.UseWhen(context => context.Request.Path.StartsWithSegments("/swagger"), swagger => swagger.Use(AdminOnlyAsync));
        }

        app.UseSwaggerUI(options => options.SwaggerEndpoint("/openapi/v1.json", GrainMarket.ApiGateway.OpenApi.DocumentInfo.Title));

        app.MapAuthApi();
        app.MapMeApi();
        app.MapExternalSignInApi();
        app.MapMeLoginsApi();
        app.MapAdminUsersApi();
        app.MapCartApi();
        app.MapCheckoutApi();
        app.MapOrdersApi();
        app.MapDeliveryApi();
        app.MapOrderDeliveryApi();
        app.MapAuctionsApi();
        app.MapAuctionStreamApi();
        app.MapOrderStreamApi();
        app.MapCategoriesApi();
        app.MapProductsApi();
        app.MapBannersApi();
        app.MapCouponsApi();
        app.MapSaleEventsApi();
        app.MapDiscountsApi();
        app.MapPromotersApi();
        app.MapCommissionRulesApi();
        app.MapWalletApi();
        app.MapAdminWalletApi();
        app.MapAdminAuditApi();
        app.MapNotificationsApi();
        app.MapNotificationPreferencesApi();
        app.MapNotificationStreamApi();
        app.MapConversationsApi();
        app.MapBlocksApi();
        app.MapUserSearchApi();
        app.MapChatStreamApi();
        app.MapReturnsApi();
        app.MapComplaintsApi();
        app.MapSellersApi();
        app.MapBrandsApi();
        app.MapShippingApi();
        app.MapCarriersApi();
        app.MapAddressesApi();
        app.MapGeographyApi();
        app.MapStatusesApi();
        app.MapReviewsApi();
        app.MapFeedbackApi();
        app.MapMediaApi();
        app.MapAdsApi();
        app.MapInvestorsApi();
        app.MapPayoutsApi();
        app.MapSellerAnalyticsApi();
        app.MapAdminOverviewApi();
        app.MapPaymentsApi();
        return app;
    }

    /// <summary>Lets an admin through to the Swagger UI; anyone else gets 404, as if it were not there.</summary>
    private static async Task AdminOnlyAsync(HttpContext context, RequestDelegate next)
    {
        var authorization = context.RequestServices.GetRequiredService<IAuthorizationService>();
        if ((await authorization.AuthorizeAsync(context.User, Policies.Admin)).Succeeded)
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
    }
}
