using GrainMarket.Common;
using GrainMarket.Notifications;

namespace GrainMarket.Accounts;

[GrainType("email")]
public sealed class EmailGrain([PersistentState("email")] IPersistentState<EmailState> email, PasswordHasher hasher, TimeProvider timeProvider) : Grain, IEmailGrain
{
    async Task<Result<UserView>> IEmailGrain.RegisterAsync(Registration registration)
    {
        if (email.State.UserId != Guid.Empty)
        {
            var existing = GrainFactory.GetGrain<IUserGrain>(email.State.UserId);
            if (await existing.GetAsync() is not null)
            {
                // As slow as creating the account (one derivation and one write), so the time does not tell more than
                // the answer; and the owner learns that someone tried their address, which is all a gateway that
                // conceals taken addresses tells anyone.
                hasher.VerifyNothing(registration.Password);
                await GrainFactory.GetGrain<INotificationInboxGrain>(email.State.UserId).AddAsync(new Notification(
                    $"registration-attempt:{Guid.NewGuid():N}", NotificationTypes.RegistrationAttempt, "Someone tried to register with your e-mail address",
                    "An account was requested with your address, which already has one (yours). If it was you, sign in or reset your password; if not, there is nothing to do.",
                    "/api/me", timeProvider.GetUtcNow()));
                return new DomainError(ErrorCodes.EmailTaken, "An account with this e-mail address exists.", "email");
            }

            // The address was claimed but the account never written (the silo died in between): finish it now.
            return await existing.CreateAsync(registration);
        }

        // The claim is a first write: if another silo's activation claimed the address, PostgreSQL refuses this one.
        email.State.UserId = Guid.NewGuid();
        await email.WriteStateAsync();
        return await GrainFactory.GetGrain<IUserGrain>(email.State.UserId).CreateAsync(registration);
    }

    Task<Result<SessionGrant>> IEmailGrain.LoginAsync(string password)
    {
        if (email.State.UserId == Guid.Empty)
        {
            hasher.VerifyNothing(password);
            return Task.FromResult<Result<SessionGrant>>(new DomainError(ErrorCodes.InvalidCredentials, "The e-mail or the password is wrong."));
        }

        return GrainFactory.GetGrain<IUserGrain>(email.State.UserId).LoginAsync(password);
    }

    Task IEmailGrain.RequestPasswordResetAsync() =>
        email.State.UserId == Guid.Empty ? Task.CompletedTask : GrainFactory.GetGrain<IUserGrain>(email.State.UserId).RequestPasswordResetAsync();

    async Task<Guid> IEmailGrain.ClaimAsync(Guid userId)
    {
        if (email.State.UserId == Guid.Empty)
        {
            // The same version-checked first write as a registration's claim.
            email.State.UserId = userId;
            await email.WriteStateAsync();
        }

        return email.State.UserId;
    }

    Task<Guid?> IEmailGrain.GetUserIdAsync() => Task.FromResult(email.State.UserId == Guid.Empty ? (Guid?)null : email.State.UserId);
}
