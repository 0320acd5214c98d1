using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.SignIn;

/// <summary>
/// The stand-in provider, and a silo of its own configured with three providers pointing at it: Google (its handler,
/// endpoints overridden), X (the framework's OAuth handler, endpoints overridden) and an OpenID Connect provider "acme"
/// (discovery from the stand-in's authority).
/// </summary>
public sealed class SignInMarket : IAsyncLifetime
{
    private IsolatedFactory? _factory;
    private OAuthStandIn? _standIn;

    public IsolatedFactory Factory => _factory ?? throw new InvalidOperationException("The sign-in market has not started.");

    /// <summary>The providers' settings, for a second gateway beside this silo.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; private set; } = new Dictionary<string, string>();

    public OAuthStandIn StandIn => _standIn ?? throw new InvalidOperationException("The stand-in provider has not started.");

    public async ValueTask InitializeAsync()
    {
        _standIn = await OAuthStandIn.StartAsync(CancellationToken.None);
        var issuer = _standIn.Issuer;
        Settings = new Dictionary<string, string>
            {
                ["GRAINMARKET_OAUTH_GOOGLE_CLIENT_ID"] = OAuthStandIn.ClientId,
                ["GRAINMARKET_OAUTH_GOOGLE_CLIENT_SECRET"] = _standIn.ClientSecret,
                ["GRAINMARKET_OAUTH_GOOGLE_AUTHORIZATION_ENDPOINT"] = $"{issuer}/authorize",
                ["GRAINMARKET_OAUTH_GOOGLE_TOKEN_ENDPOINT"] = $"{issuer}/token",
                ["GRAINMARKET_OAUTH_GOOGLE_USERINFO_ENDPOINT"] = $"{issuer}/userinfo",
                ["GRAINMARKET_OAUTH_FACEBOOK_CLIENT_ID"] = OAuthStandIn.ClientId,
                ["GRAINMARKET_OAUTH_FACEBOOK_CLIENT_SECRET"] = _standIn.ClientSecret,
                ["GRAINMARKET_OAUTH_FACEBOOK_AUTHORIZATION_ENDPOINT"] = $"{issuer}/authorize",
                ["GRAINMARKET_OAUTH_FACEBOOK_TOKEN_ENDPOINT"] = $"{issuer}/token",
                ["GRAINMARKET_OAUTH_FACEBOOK_USERINFO_ENDPOINT"] = $"{issuer}/userinfo",
                ["GRAINMARKET_OAUTH_X_CLIENT_ID"] = OAuthStandIn.ClientId,
                ["GRAINMARKET_OAUTH_X_CLIENT_SECRET"] = _standIn.ClientSecret,
                ["GRAINMARKET_OAUTH_X_AUTHORIZATION_ENDPOINT"] = $"{issuer}/authorize",
                ["GRAINMARKET_OAUTH_X_TOKEN_ENDPOINT"] = $"{issuer}/token",
                ["GRAINMARKET_OAUTH_X_USERINFO_ENDPOINT"] = $"{issuer}/userinfo",
                ["GRAINMARKET_OIDC_ACME_AUTHORITY"] = issuer,
                ["GRAINMARKET_OIDC_ACME_CLIENT_ID"] = OAuthStandIn.ClientId,
                ["GRAINMARKET_OIDC_ACME_CLIENT_SECRET"] = _standIn.ClientSecret,
                ["GRAINMARKET_OIDC_ACME_DISPLAY_NAME"] = "Acme ID",
                ["GRAINMARKET_OAUTH_RETURN_ORIGINS"] = "https://shop.grainmarket.test",
            };
        _factory = await IsolatedFactory.StartAsync(Settings, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_standIn is not null)
        {
            await _standIn.DisposeAsync();
        }
    }
}
