using GrainMarket.ApiGateway.Http;
using GrainMarket.Common;
using GrainMarket.Returns;

namespace GrainMarket.ApiGateway.Apis.Returns;

/// <summary>The inspection: one entry per returned unit, each with its condition.</summary>
public sealed record InspectionRequest(IReadOnlyList<UnitConditionRequest>? Units)
{
    private const int MaxUnits = 10_000;

    public DomainError? Check() =>
        Validation.First(
            Units is null || Units.Count == 0 || Units.Count > MaxUnits ? DomainError.Invalid("units", $"must give the condition of each returned unit (1 to {MaxUnits})") : null,
            Units?.Any(u => u is null || u.ProductId is null || u.ProductId == Guid.Empty) == true ? DomainError.Invalid("units.productId", "is required") : null,
            Units?.Any(u => u?.Condition is null || !ReturnConditions.All.Contains(u.Condition)) == true ? DomainError.Invalid("units.condition", $"must be one of {string.Join(", ", ReturnConditions.All)}") : null);

    /// <summary>The units counted per product and condition.</summary>
    public IReadOnlyList<InspectedLine> ToLines() =>
        [.. Units!.GroupBy(u => u.ProductId!.Value).Select(g => new InspectedLine(
            g.Key,
            g.Count(u => u.Condition == ReturnConditions.Resellable),
            g.Count(u => u.Condition == ReturnConditions.Damaged),
            g.Count(u => u.Condition == ReturnConditions.WrongItem)))];
}
