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
}
