using GrainMarket.Common;

namespace GrainMarket.Accounts;

[GrainType("externalLogin")]
public sealed class ExternalLoginGrain(
    [PersistentState("externalLogin")] IPersistentState<ExternalLoginState> login,
    AccountSettings settings,
    TimeProvider timeProvider) : Grain, IExternalLoginGrain
{
    private ExternalLoginState State => login.State;

    async Task<Result<ExternalSignIn>> IExternalLoginGrain.SignInAsync(ExternalIdentity identity)
    {
        if (ExternalLogins.Key(identity.Provider, identity.Subject) != this.GetPrimaryKeyString())
        {
            throw new ArgumentException($"The identity {identity.Provider}:{identity.Subject} is not this grain's ({this.GetPrimaryKeyString()}).", nameof(identity));
        }

        if (State.UserId != Guid.Empty)
        {
            var linked = GrainFactory.GetGrain<IUserGrain>(State.UserId);
            var signedIn = await linked.SignInExternalAsync(identity.Provider, identity.Subject);
            if (signedIn.Value is { } grant)
            {
                return new ExternalSignIn(grant, null, null);
            }

            if (signedIn.Error!.Code != ErrorCodes.NotFound)
            {
                return signedIn.Error;
            }

            if (await linked.GetAsync() is null)
            {
                // The identity was claimed but its account never written (the silo died in between): finish it now.
                return await CreateAsync(State.UserId, identity);
            }

            // The account unlinked this identity and the release did not arrive: it is a stranger again.
            State.UserId = Guid.Empty;
        }

        var userId = Guid.NewGuid();
        if (identity.Email is { Length: > 0 } address)
        {
            var owner = await GrainFactory.GetGrain<IEmailGrain>(EmailAddress.Normalize(address)).ClaimAsync(userId);
            if (owner != userId)
            {
                return await AwaitLinkAsync(owner, identity);
            }
        }

        // The claim is a first write: if another silo's activation claimed the identity, PostgreSQL refuses this one.
        State.UserId = userId;
        ClearPending();
        await login.WriteStateAsync();
        return await CreateAsync(userId, identity);
    }

    async Task<Result<SessionGrant>> IExternalLoginGrain.LinkAsync(string ticketSecret, string password)
    {
        if (State.PendingIdentity is not { } identity
            || State.PendingExpiresAt is not { } expiresAt
            || expiresAt <= timeProvider.GetUtcNow()
            || !Secrets.Matches(ticketSecret, State.PendingTicketHash))
        {
            return new DomainError(ErrorCodes.InvalidLinkTicket, "The link ticket is wrong, used or expired: sign in with the provider again.", "ticket");
        }

        var linked = await GrainFactory.GetGrain<IUserGrain>(State.PendingUserId).LinkExternalAsync(identity, password);
        if (linked.Succeeded)
        {
            State.UserId = State.PendingUserId;
            ClearPending();
            await login.WriteStateAsync();
        }

        return linked;
    }

    async Task IExternalLoginGrain.ReleaseAsync(Guid userId)
    {
        if (State.UserId == userId && userId != Guid.Empty)
        {
            State.UserId = Guid.Empty;
            await login.WriteStateAsync();
        }
    }

    private async Task<Result<ExternalSignIn>> CreateAsync(Guid userId, ExternalIdentity identity)
    {
        var created = await GrainFactory.GetGrain<IUserGrain>(userId).CreateExternalAsync(identity);
        return created.Value is { } grant ? new ExternalSignIn(grant, null, null) : created.Error!;
    }

    /// <summary>The provider's e-mail has an account: nothing signs in until its password is given with this ticket.</summary>
    private async Task<Result<ExternalSignIn>> AwaitLinkAsync(Guid owner, ExternalIdentity identity)
    {
        var secret = Secrets.New();
        State.PendingUserId = owner;
        State.PendingIdentity = identity;
        State.PendingTicketHash = Secrets.Hash(secret);
        State.PendingExpiresAt = timeProvider.GetUtcNow() + settings.LinkTicketLifetime;
        await login.WriteStateAsync();
        return new ExternalSignIn(null, ExternalLogins.Ticket(this.GetPrimaryKeyString(), secret), identity.Email);
    }

    private void ClearPending()
    {
        State.PendingUserId = Guid.Empty;
        State.PendingIdentity = null;
        State.PendingTicketHash = null;
        State.PendingExpiresAt = null;
    }
}
