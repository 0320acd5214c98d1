namespace GrainMarket.ApiGateway.Apis.Complaints;

/// <summary>
/// An admin's resolution: the note both parties read, and the points a complaint against a seller costs them
/// (<see cref="PenaltyPoints"/>, 0 to <see cref="MaxPenaltyPoints"/>; none when left out).
/// </summary>
public sealed record ResolveComplaintRequest(string? Note, int? PenaltyPoints = null)
{
    public const int MaxPenaltyPoints = 1000;
}
