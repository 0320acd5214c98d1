namespace GrainMarket.Runtime;

/// <summary>
/// State that changes only inside transactions. Reads take a shared lock and add no row write; updates run on
/// a copy under an exclusive lock, and the copy becomes the state only when the whole transaction commits.
/// The functions passed here must be synchronous and free of side effects outside the state.
/// </summary>
public interface ITransactionalState<TState> where TState : class, new()
{
    Task<TResult> PerformRead<TResult>(Func<TState, TResult> readFunction);

    Task<TResult> PerformUpdate<TResult>(Func<TState, TResult> updateFunction);
}
