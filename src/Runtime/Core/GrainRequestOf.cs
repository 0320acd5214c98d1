using GrainMarket.Runtime.Metadata;

namespace GrainMarket.Runtime.Core;

/// <summary>A grain call whose caller awaits a <typeparamref name="T"/> (<see cref="object"/> for methods without a result).</summary>
internal sealed class GrainRequest<T>(GrainId target, GrainClassDescriptor grainClass, GrainMethodDescriptor method, object?[] arguments, CallChain? chain)
    : GrainRequest(target, grainClass, method, arguments, chain)
{
    private readonly TaskCompletionSource<T> _completion = new();

    public Task<T> Task => _completion.Task;

    protected override void Succeed(Task execution) =>
        _completion.TrySetResult(HasFilterResult ? (T)FilterResult! : Method.ResultType is null ? default! : ((Task<T>)execution).Result);

    protected override void Cancel() => _completion.TrySetCanceled();

    public override void Fail(Exception exception) => _completion.TrySetException(Annotate(exception, Target));
}
