using GrainMarket.Runtime.Transactions;
using GrainMarket.Runtime.Metadata;

namespace GrainMarket.Runtime.Core;

/// <summary>A call to a grain method. Arguments are immutable records, so the same request can later cross the network.</summary>
internal abstract class GrainRequest(GrainId target, GrainClassDescriptor grainClass, GrainMethodDescriptor method, object?[] arguments, CallChain? chain)
    : WorkItem
{
    public GrainId Target { get; } = target;

    public GrainClassDescriptor GrainClass { get; } = grainClass;

    public GrainMethodDescriptor Method { get; } = method;

    public object?[] Arguments { get; } = arguments;

    public override CallChain? Chain { get; } = chain;

    /// <summary>The caller's transaction, when the method joins it.</summary>
    public TransactionInfo? Transaction { get; init; }

    /// <summary>Checked when the turn starts; false skips the call (a reminder tick whose reminder was removed meanwhile).</summary>
    public Func<bool>? RunIf { get; init; }

    public override bool IsReadOnly => Method.IsReadOnly;

    public override bool AlwaysInterleave => Method.AlwaysInterleave;

    public override Task ExecuteAsync(ActivationData activation) => activation.InvokeAsync(this);

    public sealed override void Complete(ActivationData activation, Task execution)
    {
        if (execution.IsFaulted)
        {
            Fail(execution.Exception!.InnerExceptions.Count == 1 ? execution.Exception.InnerException! : execution.Exception);
        }
        else if (execution.IsCanceled)
        {
            Cancel();
        }
        else
        {
            Succeed(execution);
        }
    }

    /// <summary>Hands the result of a successful <paramref name="execution"/> (or the filters' result) to the caller.</summary>
    protected abstract void Succeed(Task execution);

    protected abstract void Cancel();

    /// <summary>The result as call filters left it; when set, it replaces the grain method's own result.</summary>
    public object? FilterResult { get; private set; }

    public bool HasFilterResult { get; private set; }

    public void SetFilterResult(object? result)
    {
        FilterResult = result;
        HasFilterResult = true;
    }

    public override string Describe() => $"{Method.Name} on {Target}";

    protected static Exception Annotate(Exception exception, GrainId target)
    {
        if (!exception.Data.Contains("GrainId"))
        {
            exception.Data["GrainId"] = target.ToString();
        }

        return exception;
    }
}
