namespace GrainMarket.Runtime;

/// <summary>Injects an <see cref="ITransactionalState{TState}"/> into a grain constructor parameter. The grain must be <see cref="ReentrantAttribute">[Reentrant]</see>.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class TransactionalStateAttribute(string stateName, string? storageName = null) : Attribute
{
    public string StateName { get; } = stateName;

    public string? StorageName { get; } = storageName;
}
