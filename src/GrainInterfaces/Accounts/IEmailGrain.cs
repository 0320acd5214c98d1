using GrainMarket.Common;

namespace GrainMarket.Accounts;

/// <summary>
/// One normalized e-mail address and the account that owns it. The user id cannot be derived from the address, so
/// this grain is the lookup, and its version-checked first write is what makes an address unique across silos.
/// </summary>
[Alias("gm.email")]
public interface IEmailGrain : IGrainWithStringKey
{
    /// <summary>Creates the account for this address, or fails with <see cref="ErrorCodes.EmailTaken"/>.</summary>
    [Alias("register")]
    Task<Result<UserView>> RegisterAsync(Registration registration);

    /// <summary>Logs in to the account of this address; an unknown address costs the same time as a wrong password.</summary>
    [Alias("login")]
    Task<Result<SessionGrant>> LoginAsync(string password);

    /// <summary>Sends a reset token to the account of this address, if there is one (the caller never learns which).</summary>
    [Alias("requestPasswordReset")]
    Task RequestPasswordResetAsync();

    [ReadOnly]
    [Alias("getUserId")]
    Task<Guid?> GetUserIdAsync();

    /// <summary>
    /// Claims this address for the account <paramref name="userId"/> (an external sign-in's, about to be created), and
    /// answers the address's owner: <paramref name="userId"/> when the claim took, the existing account otherwise.
    /// </summary>
    [Alias("claim")]
    Task<Guid> ClaimAsync(Guid userId);
}
