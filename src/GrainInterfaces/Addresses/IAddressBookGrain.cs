using GrainMarket.Common;

namespace GrainMarket.Addresses;

/// <summary>
/// A user's address book (key: the user's id): up to <see cref="MaxAddresses"/> saved addresses, one of them the
/// default. The first address saved becomes the default; removing the default makes the oldest remaining address the
/// default (none when the book is empty). Projected to the <c>addresses</c> read model with each write.
/// </summary>
[Alias("gm.addressbook")]
public interface IAddressBookGrain : IGrainWithGuidKey
{
    /// <summary>How many addresses a book holds at most.</summary>
    public const int MaxAddresses = 20;

    /// <summary>The addresses, oldest first.</summary>
    [ReadOnly]
    [Alias("list")]
    Task<IReadOnlyList<AddressView>> ListAsync();

    /// <summary>One address, or null when this book has none with that id.</summary>
    [ReadOnly]
    [Alias("get")]
    Task<AddressView?> GetAsync(Guid addressId);

    /// <summary>
    /// Saves a new address under <paramref name="addressId"/> (derived from the request's Idempotency-Key, so a retry
    /// returns the address saved the first time); address-book-full when the book holds <see cref="MaxAddresses"/>.
    /// </summary>
    [Alias("add")]
    Task<Result<AddressView>> AddAsync(Guid addressId, AddressDraft draft, bool makeDefault);

    /// <summary>Replaces an address's fields; address-not-found for an id this book does not hold.</summary>
    [Alias("update")]
    Task<Result<AddressView>> UpdateAsync(Guid addressId, AddressDraft draft);

    /// <summary>Removes an address; when it was the default, the oldest remaining one becomes the default.</summary>
    [Alias("delete")]
    Task<Result<AddressView>> DeleteAsync(Guid addressId);

    [Alias("makeDefault")]
    Task<Result<AddressView>> MakeDefaultAsync(Guid addressId);
}
