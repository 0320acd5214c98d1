namespace GrainMarket.Accounts;

public sealed class EmailState
{
    public Guid UserId { get; set; }
}
