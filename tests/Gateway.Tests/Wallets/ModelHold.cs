using GrainMarket.Wallets;

namespace GrainMarket.Gateway.Tests.Wallets;

/// <summary>A hold of the ledger property test, with the outcome the test saw first (a withdrawal's hold has <see cref="WithdrawalId"/>).</summary>
public sealed class ModelHold(ModelWallet wallet, string id, long amount, DateTimeOffset? deadline, Guid? withdrawalId = null)
{
    public ModelWallet Wallet { get; } = wallet;

    public string Id { get; } = id;

    public long Amount { get; } = amount;

    public DateTimeOffset? Deadline { get; } = deadline;

    public Guid? WithdrawalId { get; } = withdrawalId;

    public HoldView? Outcome { get; private set; }

    public bool IsPending => Outcome is null;

    /// <summary>Records the first outcome and moves the model's money as the hold resolved.</summary>
    public void Resolve(HoldView outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        Assert.True(IsPending, $"hold {Id} resolved twice");
        Outcome = outcome;
        Wallet.Held -= Amount;
        Wallet.Available += Amount - outcome.Captured;
    }
}
