namespace GrainMarket.Accounts;

[GrainType("username")]
public sealed class UsernameGrain([PersistentState("username")] IPersistentState<UsernameState> username) : Grain, IUsernameGrain
{
    async Task<Guid> IUsernameGrain.ClaimAsync(Guid userId)
    {
        if (username.State.UserId == Guid.Empty)
        {
            username.State.UserId = userId;
            await username.WriteStateAsync();
        }

        return username.State.UserId;
    }

    async Task IUsernameGrain.ReleaseAsync(Guid userId)
    {
        if (username.State.UserId == userId)
        {
            username.State.UserId = Guid.Empty;
            await username.WriteStateAsync();
        }
    }
}
