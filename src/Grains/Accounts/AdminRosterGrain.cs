using GrainMarket.Common;

namespace GrainMarket.Accounts;

// Not reentrant, and stateless: its turn is the lock. While it awaits the target's change no other change waits
// half-done, and the acting admin's standing is read inside the turn, after every earlier change has landed.
[GrainType("admin-roster")]
public sealed class AdminRosterGrain : Grain, IAdminRosterGrain
{
    async Task<Result<UserView>> IAdminRosterGrain.UpdateAsync(Guid actingAdminId, Guid userId, AdminUserUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var removesAdmin = update.Blocked is true || (update.Roles is { Count: > 0 } roles && !roles.Contains(Roles.Admin, StringComparer.Ordinal));
        if (removesAdmin)
        {
            if (actingAdminId == userId)
            {
                return new DomainError(
                    ErrorCodes.SelfLockout,
                    "An admin cannot block themself or give up their own admin role; another admin can.",
                    update.Blocked is true ? "blocked" : "roles");
            }

            if (await GrainFactory.GetGrain<IUserGrain>(actingAdminId).GetAsync() is not { Blocked: false } acting || !acting.Roles.Contains(Roles.Admin, StringComparer.Ordinal))
            {
                return new DomainError(ErrorCodes.Forbidden, "You are no longer an admin.");
            }
        }

        return await GrainFactory.GetGrain<IUserGrain>(userId).AdminUpdateAsync(update);
    }
}
