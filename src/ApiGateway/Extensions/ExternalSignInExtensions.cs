using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Json;
using GrainMarket.ApiGateway.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Npgsql;

namespace GrainMarket.ApiGateway.Extensions;

public static class ExternalSignInExtensions
{
    /// <summary>
    /// External sign-in (<see cref="ExternalProviders"/> says which providers are configured): Google's handler, the
    /// framework's OAuth handler for Facebook and X, the OpenID Connect handler for each configured issuer, all with state
    /// checked by the handlers' correlation cookie and PKCE where the provider takes it; each signs in to a short-lived
    /// external cookie that <c>GET /api/auth/external/{provider}/complete</c> turns into GrainMarket's own session. The
    /// data-protection key ring that protects the state and that cookie is shared through PostgreSQL (<see cref="PostgresXmlRepository"/>).
    /// </summary>
    public static IHostApplicationBuilder AddGrainMarketExternalSignIn(this IHostApplicationBuilder builder)
    {
        var providers = new ExternalProviders(builder.Configuration);
        builder.Services.AddSingleton(providers);

        // One key ring for every gateway (in PostgreSQL when there is one): a sign-in started on one completes on another.
        builder.Services.AddDataProtection().SetApplicationName("GrainMarket");
        builder.Services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((options, services) =>
        {
            if (services.GetService<NpgsqlDataSource>() is { } dataSource)
            {
                options.XmlRepository = new PostgresXmlRepository(dataSource);
            }
        });
        var authentication = builder.Services.AddAuthentication().AddCookie(ExternalProviders.ExternalScheme, options =>
        {
            options.Cookie.Name = "__Host-gm_external";
            options.Cookie.HttpOnly = true;
            options.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.Always;

            // Lax: the cookie is set on the provider's redirect back to us and read on the next (same-site) redirect.
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.Path = "/";
            options.ExpireTimeSpan = TimeSpan.FromMinutes(10);
            options.SlidingExpiration = false;
        });
        foreach (var provider in providers.Offered)
        {
            switch (provider.Kind)
            {
                case "google":
                    authentication.AddGoogle(provider.Name, options =>
                    {
                        Configure(options, provider);
                        options.ClaimActions.DeleteClaim(ClaimTypes.NameIdentifier);
                        options.ClaimActions.MapJsonKey(ClaimTypes.NameIdentifier, "sub");
                        options.ClaimActions.MapJsonKey("email_verified", "email_verified");
                    });
                    break;
                case "facebook":
                    authentication.AddOAuth(provider.Name, options =>
                    {
                        options.AuthorizationEndpoint = "https://www.facebook.com/v19.0/dialog/oauth";
                        options.TokenEndpoint = "https://graph.facebook.com/v19.0/oauth/access_token";
                        options.UserInformationEndpoint = "https://graph.facebook.com/v19.0/me?fields=id,name,email";
                        options.UsePkce = true;
                        options.Scope.Add("email");
                        options.ClaimActions.MapJsonKey(ClaimTypes.NameIdentifier, "id");
                        options.ClaimActions.MapJsonKey(ClaimTypes.Name, "name");
                        options.ClaimActions.MapJsonKey(ClaimTypes.Email, "email");
                        Configure(options, provider);
                        options.Events.OnCreatingTicket = ReadUserInformationAsync;
                    });
                    break;
                case "x":
                    authentication.AddOAuth(provider.Name, options =>
                    {
                        options.AuthorizationEndpoint = "https://x.com/i/oauth2/authorize";
                        options.TokenEndpoint = "https://api.x.com/2/oauth2/token";
                        options.UserInformationEndpoint = "https://api.x.com/2/users/me";
                        options.UsePkce = true;
                        options.Scope.Add("users.read");
                        options.Scope.Add("tweet.read");
                        options.ClaimActions.MapJsonSubKey(ClaimTypes.NameIdentifier, "data", "id");
                        options.ClaimActions.MapJsonSubKey(ClaimTypes.Name, "data", "name");
                        Configure(options, provider);
                        options.Events.OnCreatingTicket = ReadUserInformationAsync;
                    });
                    break;
                default:
                    authentication.AddOpenIdConnect(provider.Name, options =>
                    {
                        options.Authority = provider.Authority;
                        options.ClientId = provider.ClientId;
                        options.ClientSecret = provider.ClientSecret;
                        options.ResponseType = "code";
                        options.UsePkce = true;
                        options.MapInboundClaims = false;
                        options.GetClaimsFromUserInfoEndpoint = true;
                        options.ClaimActions.MapUniqueJsonKey("email_verified", "email_verified");

                        // Only a loopback issuer (a developer's or a test's) may publish its metadata over plain HTTP.
                        options.RequireHttpsMetadata = !(Uri.TryCreate(provider.Authority, UriKind.Absolute, out var authority) && authority.IsLoopback);
                        options.Scope.Add("email");
                        options.SignInScheme = ExternalProviders.ExternalScheme;
                        options.CallbackPath = CallbackPath(provider);
                        options.Events.OnRemoteFailure = ExternalSignInFailure.AnswerAsync;
                    });
                    break;
            }
        }

        return builder;
    }

    public static string CallbackPath(ExternalProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        return $"/api/auth/external/{provider.Name}/callback";
    }

    private static void Configure(OAuthOptions options, ExternalProvider provider)
    {
        options.ClientId = provider.ClientId;
        options.ClientSecret = provider.ClientSecret;
        options.SignInScheme = ExternalProviders.ExternalScheme;
        options.CallbackPath = CallbackPath(provider);
        options.Events.OnRemoteFailure = ExternalSignInFailure.AnswerAsync;
        options.AuthorizationEndpoint = provider.Endpoints.GetValueOrDefault("AUTHORIZATION_ENDPOINT", options.AuthorizationEndpoint);
        options.TokenEndpoint = provider.Endpoints.GetValueOrDefault("TOKEN_ENDPOINT", options.TokenEndpoint);
        options.UserInformationEndpoint = provider.Endpoints.GetValueOrDefault("USERINFO_ENDPOINT", options.UserInformationEndpoint);
    }

    /// <summary>The framework's OAuth handler fetches no profile itself: ask the provider's user-information endpoint with the access token.</summary>
    private static async Task ReadUserInformationAsync(OAuthCreatingTicketContext context)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, context.Options.UserInformationEndpoint);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", context.AccessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await context.Backchannel.SendAsync(request, context.HttpContext.RequestAborted);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new AuthenticationFailureException($"The provider's user information answered {(int)response.StatusCode}.");
        }

        using var user = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(context.HttpContext.RequestAborted), cancellationToken: context.HttpContext.RequestAborted);
        context.RunClaimActions(user.RootElement);
    }
}
