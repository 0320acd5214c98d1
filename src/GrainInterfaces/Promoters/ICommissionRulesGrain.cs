using GrainMarket.Common;

namespace GrainMarket.Promoters;

/// <summary>
/// The admins' commission rules, one grain (key <see cref="Key"/>): a handful of rules read at every referred checkout,
/// as the sale events are.
/// </summary>
[Alias("gm.commission-rules")]
public interface ICommissionRulesGrain : IGrainWithStringKey
{
    public const string Key = "all";

    [ReadOnly]
    [Alias("list")]
    Task<IReadOnlyList<CommissionRule>> ListAsync();

    /// <summary>Adds the rule, or replaces the rule with its id; commission-rule-exists when another rule has its category or product.</summary>
    [Alias("put")]
    Task<Result<CommissionRule>> PutAsync(CommissionRule rule);

    /// <summary>Removes the rule; commission-rule-not-found when there is none with that id.</summary>
    [Alias("delete")]
    Task<Result<CommissionRule>> DeleteAsync(Guid ruleId);
}
