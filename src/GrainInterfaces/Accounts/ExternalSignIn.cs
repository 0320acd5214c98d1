namespace GrainMarket.Accounts;

/// <summary>
/// The outcome of an external sign-in: a session (<paramref name="Grant"/>), or, when an account already has the
/// provider's e-mail address, a short-lived <paramref name="LinkTicket"/> that links the identity once the account's
/// password is given (<see cref="IExternalLoginGrain.LinkAsync"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("gm.accounts.ExternalSignIn")]
public sealed record ExternalSignIn(
    [property: Id(0)] SessionGrant? Grant,
    [property: Id(1)] string? LinkTicket,
    [property: Id(2)] string? Email);
