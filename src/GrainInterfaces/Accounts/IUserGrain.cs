using GrainMarket.Common;

namespace GrainMarket.Accounts;

/// <summary>
/// One account, keyed by its user id: profile, password hash, roles, and the refresh-token families of its sessions.
/// Access tokens are signed by the gateway from the <see cref="SessionGrant"/> this grain returns, and every
/// authenticated request asks <see cref="CheckSessionRolesAsync"/>, so blocking, logging out or losing a role takes effect at once.
/// </summary>
[Alias("gm.user")]
public interface IUserGrain : IGrainWithGuidKey
{
    /// <summary>Creates the account; called by <see cref="IEmailGrain"/>, which owns the e-mail's uniqueness.</summary>
    [Alias("create")]
    Task<Result<UserView>> CreateAsync(Registration registration);

    [Alias("get")]
    Task<UserView?> GetAsync();

    /// <summary>
    /// Checks the password (re-hashing it when the hashing parameters changed) and opens a session. A locked account
    /// answers as an unknown one, a blocked one answers any password as a wrong one.
    /// </summary>
    [Alias("login")]
    Task<Result<SessionGrant>> LoginAsync(string password);

    /// <summary>
    /// Rotates a refresh token. The one spent just before, presented again within a short grace (two tabs refreshing
    /// at once), rotates too; an older spent one, or that one after the grace, revokes the whole family; a secret the
    /// session never issued is refused and changes nothing.
    /// </summary>
    [Alias("refresh")]
    Task<Result<SessionGrant>> RefreshAsync(string refreshToken);

    /// <summary>Revokes the session family <paramref name="sessionId"/> (of a verified access token): its refresh and access tokens stop working.</summary>
    [Alias("logout")]
    Task LogoutAsync(string sessionId);

    /// <summary>As <see cref="LogoutAsync"/> for the holder of the session's current refresh token; any other token changes nothing.</summary>
    [Alias("endSession")]
    Task EndSessionAsync(string refreshToken);

    /// <summary>Whether an access token of session <paramref name="sessionId"/> stamped <paramref name="stamp"/> with active role <paramref name="activeRole"/> is still good.</summary>
    [ReadOnly]
    [Alias("checkSession")]
    Task<bool> CheckSessionAsync(string sessionId, string stamp, string activeRole);

    /// <summary>
    /// As <see cref="CheckSessionAsync"/>, answering the account's roles as they are now when the token is still good, and
    /// null when it is not: requests are authorized by these, not by the roles the token was signed with.
    /// </summary>
    [ReadOnly]
    [Alias("checkSessionRoles")]
    Task<IReadOnlyList<string>?> CheckSessionRolesAsync(string sessionId, string stamp, string activeRole);

    [Alias("updateProfile")]
    Task<Result<UserView>> UpdateProfileAsync(ProfileUpdate update);

    /// <summary>Makes <paramref name="role"/> (one the account holds) the active role of session <paramref name="sessionId"/> and returns a new token pair.</summary>
    [Alias("switchRole")]
    Task<Result<SessionGrant>> SwitchRoleAsync(string sessionId, string role);

    /// <summary>Changes the password; every other session and any reset token end. Wrong current passwords count toward the login lock.</summary>
    [Alias("changePassword")]
    Task<Result<SessionGrant>> ChangePasswordAsync(string sessionId, string currentPassword, string newPassword);

    /// <summary>Issues a single-use reset token valid for an hour and puts the e-mail that carries it in the outbox.</summary>
    [Alias("requestPasswordReset")]
    Task RequestPasswordResetAsync();

    /// <summary>Sets a new password with a reset token; every session ends.</summary>
    [Alias("resetPassword")]
    Task<Result<UserView>> ResetPasswordAsync(string token, string newPassword);

    /// <summary>Admin changes: roles and blocking. A blocked account's tokens stop working at once; a role change counts on the next request of every token (see <see cref="CheckSessionRolesAsync"/>).</summary>
    [Alias("adminUpdate")]
    Task<Result<UserView>> AdminUpdateAsync(AdminUserUpdate update);

    /// <summary>
    /// Creates a buyer account with no password for an external identity and opens a session; called by
    /// <see cref="IExternalLoginGrain"/>, which owns the identity (and by <see cref="IEmailGrain.ClaimAsync"/> the address).
    /// A retried creation of the same identity opens a session on the account already made.
    /// </summary>
    [Alias("createExternal")]
    Task<Result<SessionGrant>> CreateExternalAsync(ExternalIdentity identity);

    /// <summary>Opens a session for a linked external identity: not found when it is not (or no longer) linked, refused when the account is blocked.</summary>
    [Alias("signInExternal")]
    Task<Result<SessionGrant>> SignInExternalAsync(string provider, string subject);

    /// <summary>
    /// Links an external identity once the account's password is given, and opens a session. Wrong passwords count
    /// toward the login lock, and a blocked account answers as a wrong password, as <see cref="LoginAsync"/> does.
    /// </summary>
    [Alias("linkExternal")]
    Task<Result<SessionGrant>> LinkExternalAsync(ExternalIdentity identity, string password);

    [ReadOnly]
    [Alias("getSignInMethods")]
    Task<SignInMethods?> GetSignInMethodsAsync();

    /// <summary>
    /// Unlinks the identity of <paramref name="provider"/> and answers its subject (the caller releases its
    /// <see cref="IExternalLoginGrain"/>); refused when it is the account's last way to sign in.
    /// </summary>
    [Alias("removeLogin")]
    Task<Result<string>> RemoveLoginAsync(string provider);
}
