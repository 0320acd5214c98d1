namespace GrainMarket.Runtime;

/// <summary>
/// Records of one kind that belong to a grain (a wallet's holds, a product's reservations), each a transactional state
/// of its own, stored in its own row and loaded when first used. A grain whose records would otherwise sit in its one
/// state document keeps that document small: a transaction writes the records it changed, not all of them.
/// Injected like a state: <c>[TransactionalState("holds")] ITransactionalRecords&lt;HoldRecord&gt; holds</c>.
/// </summary>
public interface ITransactionalRecords<TRecord> where TRecord : class, new()
{
    /// <summary>The record under <paramref name="key"/>: a new <typeparamref name="TRecord"/> until a transaction writes one.</summary>
    ITransactionalState<TRecord> this[string key] { get; }

    /// <summary>
    /// The record under <paramref name="key"/>, which the caller knows was never written (a blind write): its key derives
    /// from a state the same transaction creates, so it is not read from the database first. Should the row exist after
    /// all, the commit that writes it is refused and the record is read before the next attempt. A record already in
    /// memory is returned as it is.
    /// </summary>
    ITransactionalState<TRecord> Unwritten(string key);
}
