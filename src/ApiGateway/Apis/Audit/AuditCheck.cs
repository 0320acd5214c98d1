namespace GrainMarket.ApiGateway.Apis.Audit;

/// <summary>
/// One conservation check: <paramref name="Expected"/> and <paramref name="Actual"/> add up what it compares over the
/// whole database, <paramref name="Difference"/> is <c>actual − expected</c>, and <paramref name="Offenders"/> counts the
/// rows (wallets, products) that differ, of which <paramref name="Details"/> names the first
/// <see cref="ReadModels.AuditReadModel.DetailsKept"/> by id. A check passes when nothing differs.
/// </summary>
public sealed record AuditCheck(string Name, bool Passed, string Description, long Expected, long Actual, long Difference, long Offenders, IReadOnlyList<AuditDifference> Details);
