namespace GrainMarket.Geography;

/// <summary>A country of the reference geography: its ISO 3166 alpha-2 code and its name.</summary>
[GenerateSerializer, Immutable, Alias("gm.geography.CountryView")]
public sealed record CountryView(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name);
