using System.Text.RegularExpressions;

namespace GrainMarket.ApiGateway.Auth;

/// <summary>
/// The external sign-in providers configured, and where a sign-in may return to. A provider is offered only when its
/// client id and secret are set: <c>GRAINMARKET_OAUTH_{GOOGLE|FACEBOOK|X}_CLIENT_ID</c> and <c>_CLIENT_SECRET</c> (and, to point
/// a handler elsewhere, <c>_AUTHORIZATION_ENDPOINT</c>, <c>_TOKEN_ENDPOINT</c>, <c>_USERINFO_ENDPOINT</c>); an OpenID Connect
/// provider named NAME by <c>GRAINMARKET_OIDC_{NAME}_AUTHORITY</c>, <c>_CLIENT_ID</c>, <c>_CLIENT_SECRET</c> and optionally
/// <c>_DISPLAY_NAME</c>. A sign-in returns to a local path, or to an origin of <c>GRAINMARKET_OAUTH_RETURN_ORIGINS</c> (comma-separated).
/// </summary>
public sealed partial class ExternalProviders
{
    /// <summary>The temporary cookie scheme that holds what a provider said between its callback and our completion step.</summary>
    public const string ExternalScheme = "gm-external";

    private static readonly (string Kind, string DisplayName)[] Fixed = [("google", "Google"), ("facebook", "Facebook"), ("x", "X")];

    private readonly HashSet<string> _returnOrigins;

    public ExternalProviders(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var offered = new List<ExternalProvider>();
        foreach (var (kind, displayName) in Fixed)
        {
            var prefix = $"GRAINMARKET_OAUTH_{kind.ToUpperInvariant()}_";
            if (configuration[prefix + "CLIENT_ID"] is { Length: > 0 } clientId && configuration[prefix + "CLIENT_SECRET"] is { Length: > 0 } secret)
            {
                var endpoints = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var endpoint in new[] { "AUTHORIZATION_ENDPOINT", "TOKEN_ENDPOINT", "USERINFO_ENDPOINT" })
                {
                    if (configuration[prefix + endpoint] is { Length: > 0 } url)
                    {
                        endpoints[endpoint] = url;
                    }
                }

                offered.Add(new ExternalProvider(kind, displayName, kind, clientId, secret, null, endpoints));
            }
        }

        foreach (var (key, authority) in configuration.AsEnumerable())
        {
            if (OidcAuthority().Match(key) is { Success: true } match && authority is { Length: > 0 })
            {
                var prefix = $"GRAINMARKET_OIDC_{match.Groups[1].Value}_";
                var name = match.Groups[1].Value.ToLowerInvariant().Replace('_', '-');
                if (Fixed.Any(f => f.Kind == name) || configuration[prefix + "CLIENT_ID"] is not { Length: > 0 } clientId)
                {
                    throw new InvalidOperationException($"The OpenID Connect provider {prefix}* needs {prefix}CLIENT_ID and a name other than google, facebook or x.");
                }

                offered.Add(new ExternalProvider(name, configuration[prefix + "DISPLAY_NAME"] is { Length: > 0 } display ? display : name, "oidc", clientId,
                    configuration[prefix + "CLIENT_SECRET"] ?? "", authority, new Dictionary<string, string>()));
            }
        }

        Offered = [.. offered.OrderBy(p => p.Name, StringComparer.Ordinal)];
        _returnOrigins = new HashSet<string>(
            (configuration["GRAINMARKET_OAUTH_RETURN_ORIGINS"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(origin => origin.TrimEnd('/')),
            StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<ExternalProvider> Offered { get; }

    public ExternalProvider? Find(string? name) => Offered.FirstOrDefault(p => p.Name == name);

    /// <summary>
    /// Whether a sign-in may end at <paramref name="returnUrl"/>: a local path (<c>/…</c>, not <c>//host</c> nor <c>/\host</c>)
    /// or an absolute URL on one of the configured origins; never a fragment, which the completion step uses itself.
    /// </summary>
    public bool IsAllowedReturnUrl(string returnUrl)
    {
        ArgumentNullException.ThrowIfNull(returnUrl);
        if (returnUrl.Contains('#', StringComparison.Ordinal) || returnUrl.Contains('\\', StringComparison.Ordinal))
        {
            return false;
        }

        if (returnUrl.StartsWith('/'))
        {
            return !returnUrl.StartsWith("//", StringComparison.Ordinal);
        }

        return Uri.TryCreate(returnUrl, UriKind.Absolute, out var uri)
            && uri.Scheme is "https" or "http"
            && _returnOrigins.Contains(uri.GetLeftPart(UriPartial.Authority));
    }

    [GeneratedRegex("^GRAINMARKET_OIDC_([A-Z0-9_]+)_AUTHORITY$", RegexOptions.CultureInvariant)]
    private static partial Regex OidcAuthority();
}
