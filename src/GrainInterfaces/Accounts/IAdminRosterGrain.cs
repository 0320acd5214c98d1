using GrainMarket.Common;

namespace GrainMarket.Accounts;

/// <summary>
/// The one door through which admins change accounts (key 0). An admin cannot block themself or give up their own
/// admin role, and a change that takes an admin away runs only while the acting admin still is one: such changes go
/// one at a time through this grain's single activation, so two admins demoting each other at once cannot leave the
/// marketplace without an admin — the second finds it is no longer one.
/// </summary>
[Alias("gm.admin-roster")]
public interface IAdminRosterGrain : IGrainWithIntegerKey
{
    [Alias("update")]
    Task<Result<UserView>> UpdateAsync(Guid actingAdminId, Guid userId, AdminUserUpdate update);
}
