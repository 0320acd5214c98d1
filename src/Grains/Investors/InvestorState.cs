namespace GrainMarket.Investors;

/// <summary>An investor's transactional state: their stakes and payouts, oldest first.</summary>
[GenerateSerializer, Alias("gm.investors.InvestorState")]
public sealed class InvestorState
{
    [Id(0)]
    public List<InvestorStake> Stakes { get; set; } = [];

    [Id(1)]
    public List<InvestorPayout> Payouts { get; set; } = [];

    [Id(2)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(3)]
    public DateTimeOffset UpdatedAt { get; set; }

    public long Staked => Stakes.Sum(s => s.Amount);

    public int SharesBps => Stakes.Sum(s => s.SharesBps ?? 0);

    public long PaidOut => Payouts.Sum(p => p.Amount);

    public InvestorStatement Statement(Guid investorId) => new(investorId, Staked, SharesBps, PaidOut, [.. Stakes], [.. Payouts]);
}
