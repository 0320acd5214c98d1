namespace GrainMarket.Addresses;

[GenerateSerializer, Alias("gm.addresses.AddressRecord")]
public sealed class AddressRecord
{
    [Id(0)]
    public Guid Id { get; set; }

    [Id(1)]
    public AddressDraft Draft { get; set; } = new("", "", "", "", "", "", null, null, null, null, null);

    [Id(2)]
    public DateTimeOffset CreatedAt { get; set; }
}
