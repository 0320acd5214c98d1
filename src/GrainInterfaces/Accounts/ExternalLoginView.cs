namespace GrainMarket.Accounts;

/// <summary>One external identity linked to an account: the provider, the e-mail it gave and when it was linked.</summary>
[GenerateSerializer, Immutable, Alias("gm.accounts.ExternalLoginView")]
public sealed record ExternalLoginView(
    [property: Id(0)] string Provider,
    [property: Id(1)] string? Email,
    [property: Id(2)] DateTimeOffset LinkedAt);
