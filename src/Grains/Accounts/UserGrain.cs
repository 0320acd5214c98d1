using GrainMarket.Common;
using GrainMarket.Mail;

namespace GrainMarket.Accounts;

[GrainType("user")]
public sealed class UserGrain(
    [PersistentState("user", PostgresGrainStorage.ProviderName)] IPersistentState<UserState> user,
    PasswordHasher hasher,
    AccountSettings settings,
    TimeProvider timeProvider,
    MailBrand brand) : Grain, IUserGrain
{
    private UserState State => user.State;

    private Guid UserId => this.GetPrimaryKey();

    async Task<Result<UserView>> IUserGrain.CreateAsync(Registration registration)
    {
        if (user.RecordExists)
        {
            // A retried registration of the same address (the e-mail grain calls again after a crash) is the same account.
            return string.Equals(State.Email, registration.Email, StringComparison.OrdinalIgnoreCase)
                ? View()
                : new DomainError(ErrorCodes.EmailTaken, "This account already exists with another e-mail address.");
        }

        var now = timeProvider.GetUtcNow();
        user.State = new UserState
        {
            Email = registration.Email,
            DisplayName = registration.DisplayName,
            Roles = [.. registration.Roles.Distinct(StringComparer.Ordinal)],
            ActiveRole = registration.Roles[0],
            CreatedAt = now,
            PasswordHash = hasher.Hash(registration.Password),
            Stamp = Secrets.NewId(),
        };
        State.Outbox.Add(OutboxEmail.From(registration.Email, AccountMails.Welcome(brand, registration.DisplayName, registration.Email), now));
        await user.WriteStateAsync();
        return View();
    }

    Task<UserView?> IUserGrain.GetAsync() => Task.FromResult(user.RecordExists ? View() : null);

    async Task<Result<SessionGrant>> IUserGrain.LoginAsync(string password)
    {
        var now = timeProvider.GetUtcNow();
        if (!user.RecordExists || State.LockedUntil > now)
        {
            // A locked account answers as an unknown one, after the same password work: the answer must not tell
            // which addresses have (locked) accounts. Its owner waits for the lock to pass, or resets the password.
            hasher.VerifyNothing(password);
            return InvalidCredentials();
        }

        State.Outbox.Clear();
        var verified = hasher.Verify(password, State.PasswordHash, out var needsRehash);

        // A blocked account answers the right password as a wrong one (and counts it alike), so the answers tell
        // neither that the account is blocked nor whether a guess was right.
        if (!verified || State.Blocked)
        {
            CountFailure(now);
            await user.WriteStateAsync();
            return InvalidCredentials();
        }

        State.FailedLogins = 0;
        State.LockedUntil = null;
        if (needsRehash)
        {
            State.PasswordHash = hasher.Hash(password);
        }

        var grant = OpenSession(State.ActiveRole, now);
        await user.WriteStateAsync();
        return grant;
    }

    async Task<Result<SessionGrant>> IUserGrain.RefreshAsync(string refreshToken)
    {
        var now = timeProvider.GetUtcNow();
        if (!user.RecordExists
            || !AccountTokens.TryParseRefresh(refreshToken, out var sessionId, out var generation, out var secret)
            || !State.Sessions.TryGetValue(sessionId, out var session)
            || session.ExpiresAt <= now)
        {
            return InvalidRefreshToken();
        }

        // The token spent a moment ago is another tab that refreshed at the same time: it gets a pair of its own.
        var current = generation == session.Generation && Secrets.Matches(secret, session.TokenHash);
        var justSpent = generation == session.Generation - 1
            && now - session.RotatedAt < settings.RefreshReuseGrace
            && session.SpentTokenHashes.Count > 0
            && Secrets.Matches(secret, session.SpentTokenHashes[^1]);
        State.Outbox.Clear();
        if (!current && !justSpent)
        {
            if (generation < session.Generation && session.SpentTokenHashes.Any(hash => Secrets.Matches(secret, hash)))
            {
                // A spent token came back: someone else holds this family's tokens. End the whole family.
                State.Sessions.Remove(sessionId);
                await user.WriteStateAsync();
            }

            // A secret this session never issued proves only a guess: refuse it and leave the session be.
            return InvalidRefreshToken();
        }

        if (State.Blocked)
        {
            return Blocked();
        }

        // An admin may have taken the session's role away since: carry on with the account's active role.
        var grant = Rotate(sessionId, session, State.Roles.Contains(session.ActiveRole) ? session.ActiveRole : State.ActiveRole);
        await user.WriteStateAsync();
        return grant;
    }

    async Task IUserGrain.EndSessionAsync(string refreshToken)
    {
        // Only the holder of the session's current refresh token may end it this way (no access token needed).
        if (user.RecordExists
            && AccountTokens.TryParseRefresh(refreshToken, out var sessionId, out var generation, out var secret)
            && State.Sessions.TryGetValue(sessionId, out var session)
            && generation == session.Generation
            && Secrets.Matches(secret, session.TokenHash))
        {
            State.Outbox.Clear();
            State.Sessions.Remove(sessionId);
            await user.WriteStateAsync();
        }
    }

    async Task IUserGrain.LogoutAsync(string sessionId)
    {
        if (user.RecordExists && State.Sessions.Remove(sessionId))
        {
            State.Outbox.Clear();
            await user.WriteStateAsync();
        }
    }

    Task<bool> IUserGrain.CheckSessionAsync(string sessionId, string stamp, string activeRole) => Task.FromResult(SessionStands(sessionId, stamp, activeRole));

    Task<IReadOnlyList<string>?> IUserGrain.CheckSessionRolesAsync(string sessionId, string stamp, string activeRole) =>
        Task.FromResult<IReadOnlyList<string>?>(SessionStands(sessionId, stamp, activeRole) ? [.. State.Roles] : null);

    private bool SessionStands(string sessionId, string stamp, string activeRole) =>
        user.RecordExists
        && !State.Blocked
        && stamp == State.Stamp
        && State.Roles.Contains(activeRole)
        && State.Sessions.TryGetValue(sessionId, out var session)
        && session.ActiveRole == activeRole
        && session.ExpiresAt > timeProvider.GetUtcNow();

    async Task<Result<UserView>> IUserGrain.UpdateProfileAsync(ProfileUpdate update)
    {
        if (!user.RecordExists)
        {
            return NotFound();
        }

        // A new username is claimed before anything changes, so a taken one leaves the whole profile as it was; the old
        // one is released only once the account no longer names it.
        var previousUsername = State.Username;
        if (update.Username is { } username && username != previousUsername
            && await GrainFactory.GetGrain<IUsernameGrain>(username).ClaimAsync(UserId) != UserId)
        {
            return new DomainError(ErrorCodes.UsernameTaken, $"The username '{username}' is taken.", "username");
        }

        State.Outbox.Clear();
        State.DisplayName = update.DisplayName ?? State.DisplayName;
        State.Phone = update.Phone ?? State.Phone;
        State.Location = update.Location ?? State.Location;
        State.AvatarUrl = update.AvatarUrl ?? State.AvatarUrl;
        State.Username = update.Username ?? State.Username;
        await user.WriteStateAsync();
        if (previousUsername is not null && previousUsername != State.Username)
        {
            await GrainFactory.GetGrain<IUsernameGrain>(previousUsername).ReleaseAsync(UserId);
        }

        return View();
    }

    async Task<Result<SessionGrant>> IUserGrain.SwitchRoleAsync(string sessionId, string role)
    {
        if (!user.RecordExists || !State.Sessions.TryGetValue(sessionId, out var session))
        {
            return InvalidRefreshToken();
        }

        if (!State.Roles.Contains(role))
        {
            return new DomainError(ErrorCodes.RoleNotHeld, $"This account does not hold the role '{role}'.", "role");
        }

        State.Outbox.Clear();
        State.ActiveRole = role;
        var grant = Rotate(sessionId, session, role);
        await user.WriteStateAsync();
        return grant;
    }

    async Task<Result<SessionGrant>> IUserGrain.ChangePasswordAsync(string sessionId, string currentPassword, string newPassword)
    {
        if (!user.RecordExists || !State.Sessions.TryGetValue(sessionId, out var session))
        {
            return InvalidRefreshToken();
        }

        // The current password is guessed like a login's: the same failure count and lock.
        var now = timeProvider.GetUtcNow();
        if (State.LockedUntil is { } lockedUntil && lockedUntil > now)
        {
            return TooManyAttempts(lockedUntil - now);
        }

        State.Outbox.Clear();
        if (!hasher.Verify(currentPassword, State.PasswordHash, out _))
        {
            CountFailure(now);
            await user.WriteStateAsync();
            return new DomainError(ErrorCodes.CurrentPasswordWrong, "The current password is wrong; the session stays signed in.", "currentPassword");
        }

        State.PasswordHash = hasher.Hash(newPassword);
        State.Stamp = Secrets.NewId();
        State.FailedLogins = 0;
        State.LockedUntil = null;
        DropResetToken();
        foreach (var other in State.Sessions.Keys.Where(id => id != sessionId).ToList())
        {
            State.Sessions.Remove(other);
        }

        State.Outbox.Add(OutboxEmail.From(State.Email, AccountMails.PasswordChanged(brand, now), now));
        var grant = Rotate(sessionId, session, session.ActiveRole);
        await user.WriteStateAsync();
        return grant;
    }

    async Task IUserGrain.RequestPasswordResetAsync()
    {
        if (!user.RecordExists || State.Blocked)
        {
            return;
        }

        var now = timeProvider.GetUtcNow();
        var secret = Secrets.New();
        State.Outbox.Clear();
        State.ResetTokenHash = Secrets.Hash(secret);
        State.ResetExpiresAt = now + settings.ResetTokenLifetime;
        var token = AccountTokens.Reset(UserId, secret);
        State.Outbox.Add(OutboxEmail.From(State.Email, AccountMails.PasswordReset(brand, token, settings.ResetTokenLifetime), now));
        await user.WriteStateAsync();
    }

    async Task<Result<UserView>> IUserGrain.ResetPasswordAsync(string token, string newPassword)
    {
        var secret = AccountTokens.ResetSecret(token);
        if (!user.RecordExists || secret is null || State.ResetExpiresAt is not { } expiresAt || expiresAt <= timeProvider.GetUtcNow() || !Secrets.Matches(secret, State.ResetTokenHash))
        {
            return new DomainError(ErrorCodes.InvalidResetToken, "The reset token is wrong, used or expired.", "token");
        }

        State.Outbox.Clear();
        DropResetToken();
        State.PasswordHash = hasher.Hash(newPassword);
        State.Stamp = Secrets.NewId();
        State.Sessions.Clear();
        State.FailedLogins = 0;
        State.LockedUntil = null;
        var changedAt = timeProvider.GetUtcNow();
        State.Outbox.Add(OutboxEmail.From(State.Email, AccountMails.PasswordChanged(brand, changedAt), changedAt));
        await user.WriteStateAsync();
        return View();
    }

    async Task<Result<UserView>> IUserGrain.AdminUpdateAsync(AdminUserUpdate update)
    {
        if (!user.RecordExists)
        {
            return NotFound();
        }

        State.Outbox.Clear();
        if (update.Roles is { Count: > 0 } roles)
        {
            State.Roles = [.. roles.Distinct(StringComparer.Ordinal)];
            if (!State.Roles.Contains(State.ActiveRole))
            {
                State.ActiveRole = State.Roles[0];
            }
        }

        if (update.Blocked is { } blocked)
        {
            State.Blocked = blocked;
        }

        // Requests are authorized by the roles held now (CheckSessionRolesAsync answers them on every request), so a role
        // change needs no new tokens: a role granted or taken away counts on the next request, and a session whose active
        // role was taken away stops until a refresh picks a held one. Blocking ends every token.
        if (State.Blocked)
        {
            // A reset token mailed before the block must not set a password on the account afterwards.
            DropResetToken();
        }

        if (update.Blocked is true)
        {
            State.Stamp = Secrets.NewId();
        }

        await user.WriteStateAsync();
        return View();
    }

    async Task<Result<SessionGrant>> IUserGrain.CreateExternalAsync(ExternalIdentity identity)
    {
        var now = timeProvider.GetUtcNow();
        if (user.RecordExists)
        {
            // A retried creation (the identity's grain calls again after a crash) signs in to the account it made.
            return FindLogin(identity.Provider, identity.Subject) is null
                ? new DomainError(ErrorCodes.EmailTaken, "This account already exists for another identity.")
                : await SignInExternalAsync(identity.Provider, identity.Subject, now);
        }

        user.State = new UserState
        {
            Email = identity.Email ?? "",
            EmailVerified = identity.Email is not null && identity.EmailVerified,
            DisplayName = identity.DisplayName,
            Roles = [Roles.Buyer],
            ActiveRole = Roles.Buyer,
            CreatedAt = now,
            Stamp = Secrets.NewId(),
            Logins = [Linked(identity, now)],
        };
        var grant = OpenSession(Roles.Buyer, now);
        await user.WriteStateAsync();
        return grant;
    }

    Task<Result<SessionGrant>> IUserGrain.SignInExternalAsync(string provider, string subject) => SignInExternalAsync(provider, subject, timeProvider.GetUtcNow());

    async Task<Result<SessionGrant>> IUserGrain.LinkExternalAsync(ExternalIdentity identity, string password)
    {
        var now = timeProvider.GetUtcNow();
        if (!user.RecordExists || State.LockedUntil > now)
        {
            hasher.VerifyNothing(password);
            return InvalidCredentials();
        }

        State.Outbox.Clear();

        // The password is guessed as at a login: the same failure count and lock, and a blocked account answers alike.
        if (!hasher.Verify(password, State.PasswordHash, out _) || State.Blocked)
        {
            CountFailure(now);
            await user.WriteStateAsync();
            return InvalidCredentials();
        }

        State.FailedLogins = 0;
        State.LockedUntil = null;
        if (FindLogin(identity.Provider, identity.Subject) is null)
        {
            // One identity per provider: a newer link of the same provider replaces the older one.
            State.Logins.RemoveAll(login => login.Provider == identity.Provider);
            State.Logins.Add(Linked(identity, now));
        }

        var grant = OpenSession(State.ActiveRole, now);
        await user.WriteStateAsync();
        return grant;
    }

    Task<SignInMethods?> IUserGrain.GetSignInMethodsAsync() => Task.FromResult(user.RecordExists
        ? new SignInMethods(State.PasswordHash.Length > 0, [.. State.Logins.Select(login => new ExternalLoginView(login.Provider, login.Email, login.LinkedAt))])
        : null);

    async Task<Result<string>> IUserGrain.RemoveLoginAsync(string provider)
    {
        if (!user.RecordExists || State.Logins.Find(login => login.Provider == provider) is not { } login)
        {
            return new DomainError(ErrorCodes.NotFound, $"No identity of '{provider}' is linked to this account.", "provider");
        }

        if (State.PasswordHash.Length == 0 && State.Logins.Count == 1)
        {
            return new DomainError(ErrorCodes.LastSignInMethod, "This is the account's only way to sign in: set a password (POST /api/auth/password/forgot) or link another provider first.", "provider");
        }

        State.Outbox.Clear();
        State.Logins.Remove(login);
        await user.WriteStateAsync();
        return login.Subject;
    }

    private async Task<Result<SessionGrant>> SignInExternalAsync(string provider, string subject, DateTimeOffset now)
    {
        if (!user.RecordExists || FindLogin(provider, subject) is null)
        {
            return new DomainError(ErrorCodes.NotFound, "This identity is not linked to the account.");
        }

        if (State.Blocked)
        {
            return Blocked();
        }

        State.Outbox.Clear();
        var grant = OpenSession(State.ActiveRole, now);
        await user.WriteStateAsync();
        return grant;
    }

    private LinkedLoginState? FindLogin(string provider, string subject) => State.Logins.Find(login => login.Provider == provider && login.Subject == subject);

    private static LinkedLoginState Linked(ExternalIdentity identity, DateTimeOffset now) =>
        new() { Provider = identity.Provider, Subject = identity.Subject, Email = identity.Email, LinkedAt = now };

    private SessionGrant OpenSession(string role, DateTimeOffset now)
    {
        foreach (var expired in State.Sessions.Where(s => s.Value.ExpiresAt <= now).Select(s => s.Key).ToList())
        {
            State.Sessions.Remove(expired);
        }

        while (State.Sessions.Count >= settings.MaxSessions)
        {
            State.Sessions.Remove(State.Sessions.MinBy(s => s.Value.CreatedAt).Key);
        }

        var session = new SessionState { Generation = 0, ActiveRole = role, CreatedAt = now, ExpiresAt = now + settings.RefreshLifetime };
        var sessionId = Secrets.NewId();
        State.Sessions[sessionId] = session;
        return Rotate(sessionId, session, role);
    }

    private void CountFailure(DateTimeOffset now)
    {
        State.FailedLogins++;
        if (State.FailedLogins >= settings.MaxFailedLogins)
        {
            State.FailedLogins = 0;
            State.LockedUntil = now + settings.LockoutDuration;
        }
    }

    /// <summary>A reset token lives only until the password changes (by any route) or a newer one is issued.</summary>
    private void DropResetToken()
    {
        State.ResetTokenHash = null;
        State.ResetExpiresAt = null;
    }

    private SessionGrant Rotate(string sessionId, SessionState session, string role)
    {
        var secret = Secrets.New();
        if (session.TokenHash.Length > 0)
        {
            session.SpentTokenHashes.Add(session.TokenHash);
            if (session.SpentTokenHashes.Count > settings.SpentTokensKept)
            {
                session.SpentTokenHashes.RemoveRange(0, session.SpentTokenHashes.Count - settings.SpentTokensKept);
            }
        }

        session.RotatedAt = timeProvider.GetUtcNow();
        session.Generation++;
        session.TokenHash = Secrets.Hash(secret);
        session.ActiveRole = role;
        var view = View() with { ActiveRole = role };
        return new SessionGrant(view, sessionId, State.Stamp, AccountTokens.Refresh(UserId, sessionId, session.Generation, secret), session.ExpiresAt);
    }

    private UserView View() => new(UserId, State.Email, State.DisplayName, State.Roles, State.ActiveRole, State.Phone, State.Location, State.AvatarUrl, State.Blocked, State.CreatedAt, State.Username);

    private static DomainError InvalidCredentials() => new(ErrorCodes.InvalidCredentials, "The e-mail or the password is wrong.");

    private static DomainError InvalidRefreshToken() => new(ErrorCodes.InvalidRefreshToken, "The refresh token is not valid (expired, revoked or already used).");

    private static DomainError Blocked() => new(ErrorCodes.AccountBlocked, "This account is blocked.");

    private static DomainError NotFound() => new(ErrorCodes.NotFound, "The account was not found.");

    private static DomainError TooManyAttempts(TimeSpan wait) =>
        new(ErrorCodes.TooManyAttempts, "Too many failed logins for this account; try again later.", null, new Dictionary<string, long> { ["retryAfterSeconds"] = (long)Math.Ceiling(wait.TotalSeconds) });
}
