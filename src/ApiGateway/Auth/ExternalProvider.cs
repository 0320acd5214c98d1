namespace GrainMarket.ApiGateway.Auth;

/// <summary>
/// An external sign-in provider offered by this gateway: its scheme <paramref name="Name"/> (in URLs), a name for people,
/// its kind (<c>google</c>, <c>facebook</c>, <c>x</c> or <c>oidc</c>), and the settings its handler is built from.
/// </summary>
public sealed record ExternalProvider(string Name, string DisplayName, string Kind, string ClientId, string ClientSecret, string? Authority, IReadOnlyDictionary<string, string> Endpoints);
