namespace GrainMarket.Accounts;

public sealed record Location(double Lat, double Lng, string? Address);
