using System.Reflection;

namespace GrainMarket.Runtime.Core;

/// <summary>Runs the silo's call filters, then a grain that is itself a filter, then the grain method.</summary>
internal sealed class IncomingGrainCallContext(object grain, GrainRequest request, IReadOnlyList<IIncomingGrainCallFilter> filters)
    : IIncomingGrainCallContext
{
    private int _next;

    public GrainId TargetId => request.Target;

    public object Grain => grain;

    public MethodInfo InterfaceMethod => request.Method.InterfaceMethod;

    public string MethodName => request.Method.Name;

    public IReadOnlyList<object?> Arguments => request.Arguments;

    public object? Result { get; set; }

    public async Task RunAsync()
    {
        await Invoke();
        request.SetFilterResult(Result);
    }

    public async Task Invoke()
    {
        var position = _next++;
        if (position < filters.Count)
        {
            await filters[position].Invoke(this);
            return;
        }

        if (position == filters.Count && grain is IIncomingGrainCallFilter grainFilter)
        {
            await grainFilter.Invoke(this);
            return;
        }

        var execution = request.Method.Invoker(grain, request.Arguments);
        await execution;
        Result = request.Method.ResultReader(execution);
    }
}
