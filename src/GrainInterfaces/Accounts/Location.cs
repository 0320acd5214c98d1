namespace GrainMarket.Accounts;

[GenerateSerializer, Immutable, Alias("gm.accounts.Location")]
public sealed record Location(
    [property: Id(0)] double Lat,
    [property: Id(1)] double Lng,
    [property: Id(2)] string? Address);
