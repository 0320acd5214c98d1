using GrainMarket.Common;

namespace GrainMarket.Accounts;

/// <summary>
/// One normalized e-mail address and the account that owns it. The user id cannot be derived from the address, so
/// this grain is the lookup, and its version-checked first write is what makes an address unique across silos.
/// </summary>
public interface IEmailGrain : IGrainWithStringKey
{
    /// <summary>Creates the account for this address, or fails with <see cref="ErrorCodes.EmailTaken"/>.</summary>
    Task<Result<UserView>> RegisterAsync(Registration registration);

    [ReadOnly]
    Task<Guid?> GetUserIdAsync();
}
