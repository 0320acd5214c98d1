namespace GrainMarket.ApiGateway.Apis.Audit;

/// <summary>
/// What one row broke: <paramref name="Quantity"/> of <paramref name="Subject"/> (a wallet or product id) is
/// <paramref name="Actual"/>, where <paramref name="Expected"/> was owed; <paramref name="Difference"/> is <c>actual − expected</c>.
/// <paramref name="Note"/> gives the figures behind it where one number is not enough.
/// </summary>
public sealed record AuditDifference(string Subject, string Quantity, long Expected, long Actual, long Difference, string? Note);
