using GrainMarket.Common;

namespace GrainMarket.Accounts;

/// <summary>
/// One external identity (provider and subject, the key from <see cref="ExternalLogins.Key"/>) and the account it signs
/// in to. Like <see cref="IEmailGrain"/> for addresses, its version-checked first write is what makes an identity
/// belong to one account across silos.
/// </summary>
[Alias("gm.externalLogin")]
public interface IExternalLoginGrain : IGrainWithStringKey
{
    /// <summary>
    /// Signs in to the linked account; an identity not linked yet creates a buyer account, or, when the provider's
    /// e-mail already has an account, answers a link ticket instead of a session. A blocked account is refused.
    /// </summary>
    [Alias("signIn")]
    Task<Result<ExternalSignIn>> SignInAsync(ExternalIdentity identity);

    /// <summary>Links this identity to the account its pending link ticket names, if <paramref name="password"/> is that account's; the ticket is spent.</summary>
    [Alias("link")]
    Task<Result<SessionGrant>> LinkAsync(string ticketSecret, string password);

    /// <summary>Forgets the account <paramref name="userId"/> after it unlinked this identity (the next sign-in starts afresh).</summary>
    [Alias("release")]
    Task ReleaseAsync(Guid userId);
}
