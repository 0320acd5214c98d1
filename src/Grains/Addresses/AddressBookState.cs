namespace GrainMarket.Addresses;

[GenerateSerializer, Alias("gm.addresses.AddressBookState")]
public sealed class AddressBookState
{
    /// <summary>The addresses, oldest first.</summary>
    [Id(0)]
    public List<AddressRecord> Addresses { get; set; } = [];

    /// <summary>The default address; null only when the book is empty.</summary>
    [Id(1)]
    public Guid? DefaultId { get; set; }
}
