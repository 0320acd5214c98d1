namespace GrainMarket.Runtime;

public static class TransactionalStateExtensions
{
    /// <summary>Updates the state with an action that returns nothing.</summary>
    public static Task PerformUpdate<TState>(this ITransactionalState<TState> state, Action<TState> updateAction)
        where TState : class, new()
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(updateAction);
        return state.PerformUpdate(s =>
        {
            updateAction(s);
            return true;
        });
    }

    /// <summary>
    /// Updates two states with one function that sees both, so that a rule spanning them (a wallet's balance and one of
    /// its holds) decides on both at once. <paramref name="second"/> is locked first, then <paramref name="state"/>; the
    /// function runs on the transaction's copies of both, and an exception from it aborts the transaction.
    /// </summary>
    public static async Task<TResult> PerformUpdate<TState, TOther, TResult>(this ITransactionalState<TState> state, ITransactionalState<TOther> second, Func<TState, TOther, TResult> updateFunction)
        where TState : class, new()
        where TOther : class, new()
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(second);
        ArgumentNullException.ThrowIfNull(updateFunction);

        // The copy stays this transaction's until its verdict, so the first function may hand it to the second: a change
        // made there is the transaction's change of the second state, written or dropped with it.
        var other = await second.PerformUpdate(static s => s);
        return await state.PerformUpdate(s => updateFunction(s, other));
    }
}
