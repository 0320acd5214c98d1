namespace GrainMarket.Runtime.Transactions;

/// <summary>The transaction the current asynchronous flow belongs to: set by the coordinator and at the start of each transactional turn.</summary>
internal static class TransactionContext
{
    private static readonly AsyncLocal<TransactionInfo?> Ambient = new();

    public static TransactionInfo? Current
    {
        get => Ambient.Value;
        set => Ambient.Value = value;
    }
}
