namespace GrainMarket.Promoters;

/// <summary>The commission rules by id: a handful, set by admins.</summary>
[GenerateSerializer, Alias("gm.promoters.CommissionRulesState")]
public sealed class CommissionRulesState
{
    [Id(0)]
    public Dictionary<Guid, CommissionRule> Rules { get; set; } = [];
}
