using GrainMarket.Runtime.Metadata;

namespace GrainMarket.Runtime.Core;

/// <summary>A grain call whose result is wanted as an object, to be serialized back to another silo.</summary>
internal sealed class UntypedGrainRequest(GrainId target, GrainClassDescriptor grainClass, GrainMethodDescriptor method, object?[] arguments, CallChain? chain)
    : GrainRequest(target, grainClass, method, arguments, chain)
{
    private readonly TaskCompletionSource<object?> _completion = new();

    public Task<object?> Task => _completion.Task;

    protected override void Succeed(Task execution) =>
        _completion.TrySetResult(HasFilterResult ? FilterResult : Method.ResultReader(execution));

    protected override void Cancel() => _completion.TrySetCanceled();

    public override void Fail(Exception exception) => _completion.TrySetException(Annotate(exception, Target));
}
