namespace GrainMarket.Accounts;

[GenerateSerializer, Alias("gm.accounts.EmailState")]
public sealed class EmailState
{
    [Id(0)]
    public Guid UserId { get; set; }
}
