namespace GrainMarket.Promoters;

/// <summary>
/// A promoter's debts (open ones only, oldest first: repaid ones leave the state) and subscription: paid until
/// <see cref="PaidUntil"/>, renewing while <see cref="Renews"/>, <see cref="Periods"/> months charged so far (each
/// charge's hold id derives from its number, so a retried charge is one charge).
/// </summary>
[GenerateSerializer, Alias("gm.promoters.PromoterState")]
public sealed class PromoterState
{
    [Id(0)]
    public List<PromoterDebt> Debts { get; set; } = [];

    [Id(1)]
    public DateTimeOffset? PaidUntil { get; set; }

    [Id(2)]
    public bool Renews { get; set; }

    [Id(3)]
    public int Periods { get; set; }
}
