namespace GrainMarket.ApiGateway.Apis.Geography;

/// <summary>A new country: its ISO 3166 alpha-2 code (either case) and its name.</summary>
public sealed record CountryRequest(string? Code, string? Name);
