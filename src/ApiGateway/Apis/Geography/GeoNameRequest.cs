namespace GrainMarket.ApiGateway.Apis.Geography;

/// <summary>The name of a new or renamed country, province or city.</summary>
public sealed record GeoNameRequest(string? Name);
