namespace GrainMarket.Runtime.Core;

/// <summary>Invoking a grain method, through the incoming call filters when there are any.</summary>
internal sealed partial class ActivationData
{
    internal Task InvokeAsync(GrainRequest request)
    {
        var grain = GrainInstance ?? throw new InvalidOperationException($"{GrainId} has no grain instance.");
        var filters = _catalog.Filters;
        if (filters.Count == 0 && grain is not IIncomingGrainCallFilter)
        {
            return request.Method.Invoker(grain, request.Arguments);
        }

        return new IncomingGrainCallContext(grain, request, filters).RunAsync();
    }
}
