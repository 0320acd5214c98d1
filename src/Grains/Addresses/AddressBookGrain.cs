using GrainMarket.Common;

namespace GrainMarket.Addresses;

[GrainType("addressbook")]
public sealed class AddressBookGrain(
    [PersistentState("addressbook", PostgresGrainStorage.ProviderName)] IPersistentState<AddressBookState> book,
    TimeProvider timeProvider) : Grain, IAddressBookGrain
{
    private AddressBookState State => book.State;

    Task<IReadOnlyList<AddressView>> IAddressBookGrain.ListAsync() =>
        Task.FromResult<IReadOnlyList<AddressView>>([.. State.Addresses.Select(View)]);

    Task<AddressView?> IAddressBookGrain.GetAsync(Guid addressId) =>
        Task.FromResult(Find(addressId) is { } address ? View(address) : null);

    async Task<Result<AddressView>> IAddressBookGrain.AddAsync(Guid addressId, AddressDraft draft, bool makeDefault)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (Find(addressId) is { } saved)
        {
            return View(saved);
        }

        if (State.Addresses.Count >= IAddressBookGrain.MaxAddresses)
        {
            return new DomainError(
                ErrorCodes.AddressBookFull,
                $"An address book holds at most {IAddressBookGrain.MaxAddresses} addresses; remove one first.",
                Figures: new Dictionary<string, long> { ["limit"] = IAddressBookGrain.MaxAddresses });
        }

        var address = new AddressRecord { Id = addressId, Draft = draft, CreatedAt = timeProvider.GetUtcNow() };
        State.Addresses.Add(address);
        if (makeDefault || State.DefaultId is null)
        {
            State.DefaultId = addressId;
        }

        await book.WriteStateAsync();
        return View(address);
    }

    async Task<Result<AddressView>> IAddressBookGrain.UpdateAsync(Guid addressId, AddressDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (Find(addressId) is not { } address)
        {
            return NotFound(addressId);
        }

        address.Draft = draft;
        await book.WriteStateAsync();
        return View(address);
    }

    async Task<Result<AddressView>> IAddressBookGrain.DeleteAsync(Guid addressId)
    {
        if (Find(addressId) is not { } address)
        {
            return NotFound(addressId);
        }

        State.Addresses.Remove(address);
        if (State.DefaultId == addressId)
        {
            State.DefaultId = State.Addresses.Count > 0 ? State.Addresses[0].Id : null;
        }

        await book.WriteStateAsync();
        return View(address) with { IsDefault = false };
    }

    async Task<Result<AddressView>> IAddressBookGrain.MakeDefaultAsync(Guid addressId)
    {
        if (Find(addressId) is not { } address)
        {
            return NotFound(addressId);
        }

        if (State.DefaultId != addressId)
        {
            State.DefaultId = addressId;
            await book.WriteStateAsync();
        }

        return View(address);
    }

    private AddressRecord? Find(Guid addressId) => State.Addresses.Find(a => a.Id == addressId);

    private AddressView View(AddressRecord address)
    {
        var d = address.Draft;
        return new AddressView(
            address.Id, d.Label, d.Line1, d.City, d.Region, d.PostalCode, d.Country, d.Phone, d.Latitude, d.Longitude, d.ProvinceId, d.CityId,
            address.Id == State.DefaultId, address.CreatedAt);
    }

    /// <summary>Another user's address answers the same as none: ids never tell whose they are.</summary>
    private static DomainError NotFound(Guid addressId) => new(ErrorCodes.AddressNotFound, $"You have no address {addressId}.", "id");
}
