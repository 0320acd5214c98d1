using GrainMarket.Common;

namespace GrainMarket.Accounts;

public sealed class EmailGrain([PersistentState("email")] IPersistentState<EmailState> email, PasswordHasher hasher) : Grain, IEmailGrain
{
    async Task<Result<UserView>> IEmailGrain.RegisterAsync(Registration registration)
    {
        if (email.State.UserId != Guid.Empty)
        {
            var existing = GrainFactory.GetGrain<IUserGrain>(email.State.UserId);
            if (await existing.GetAsync() is not null)
            {
                // As slow as creating the account (one derivation), so the time does not tell more than the answer.
                hasher.VerifyNothing(registration.Password);
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

    Task<Guid?> IEmailGrain.GetUserIdAsync() => Task.FromResult(email.State.UserId == Guid.Empty ? (Guid?)null : email.State.UserId);
}
