namespace GrainMarket.Runtime;

/// <summary>Declares how a grain interface method takes part in transactions.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TransactionAttribute(TransactionOption option) : Attribute
{
    public TransactionOption Option { get; } = option;
}
