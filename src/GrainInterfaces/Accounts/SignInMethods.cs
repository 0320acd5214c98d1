using System.Collections.Immutable;

namespace GrainMarket.Accounts;

/// <summary>The ways an account can sign in: its password (if it has one) and its linked external identities.</summary>
[GenerateSerializer, Immutable, Alias("gm.accounts.SignInMethods")]
public sealed record SignInMethods(
    [property: Id(0)] bool HasPassword,
    [property: Id(1)] ImmutableArray<ExternalLoginView> Logins);
