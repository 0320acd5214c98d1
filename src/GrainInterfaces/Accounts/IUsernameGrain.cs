namespace GrainMarket.Accounts;

/// <summary>
/// One username (the key, in lower case) and the account holding it. Its version-checked first write is what makes a
/// username unique across silos, as <see cref="IEmailGrain"/> does for addresses. An account that changes its username
/// releases the old one after its own write; a claim whose account never wrote it (a silo died in between) stays that
/// account's, which may still take it.
/// </summary>
[Alias("gm.username")]
public interface IUsernameGrain : IGrainWithStringKey
{
    /// <summary>Claims this username for <paramref name="userId"/> unless another account holds it; answers the holder.</summary>
    [Alias("claim")]
    Task<Guid> ClaimAsync(Guid userId);

    /// <summary>Frees this username if <paramref name="userId"/> holds it.</summary>
    [Alias("release")]
    Task ReleaseAsync(Guid userId);
}
