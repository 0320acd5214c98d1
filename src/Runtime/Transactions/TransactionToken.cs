namespace GrainMarket.Runtime.Transactions;

/// <summary>A transaction as it travels with a call to another silo: enough to join it and to take part in wound-wait.</summary>
internal sealed record TransactionToken(Guid Id, long StartTicks, string? CoordinatorSiloId);
