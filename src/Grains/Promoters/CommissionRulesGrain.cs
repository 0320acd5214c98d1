using GrainMarket.Common;

namespace GrainMarket.Promoters;

[GrainType("commissionrules")]
public sealed class CommissionRulesGrain([PersistentState("commissionrules")] IPersistentState<CommissionRulesState> board) : Grain, ICommissionRulesGrain
{
    private Dictionary<Guid, CommissionRule> Rules => board.State.Rules;

    Task<IReadOnlyList<CommissionRule>> ICommissionRulesGrain.ListAsync() =>
        Task.FromResult<IReadOnlyList<CommissionRule>>([.. Rules.Values.OrderBy(r => r.ProductId.HasValue).ThenBy(r => r.Id)]);

    async Task<Result<CommissionRule>> ICommissionRulesGrain.PutAsync(CommissionRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (Rules.Values.FirstOrDefault(r => r.Id != rule.Id && r.CategoryId == rule.CategoryId && r.ProductId == rule.ProductId) is { } other)
        {
            return new DomainError(ErrorCodes.CommissionRuleExists, $"Rule {other.Id} applies to this {(rule.ProductId is null ? "category" : "product")} already.", rule.ProductId is null ? "categoryId" : "productId");
        }

        Rules[rule.Id] = rule;
        await board.WriteStateAsync();
        return rule;
    }

    async Task<Result<CommissionRule>> ICommissionRulesGrain.DeleteAsync(Guid ruleId)
    {
        if (!Rules.Remove(ruleId, out var rule))
        {
            return new DomainError(ErrorCodes.CommissionRuleNotFound, $"There is no commission rule {ruleId}.");
        }

        await board.WriteStateAsync();
        return rule;
    }
}
