namespace GrainMarket.Runtime.Core;

/// <summary>Invoking a grain method: in a new transaction when the method creates one, through the call filters when there are any.</summary>
internal sealed partial class ActivationData
{
    internal Task InvokeAsync(GrainRequest request)
    {
        if (request.RunIf is { } runIf && !runIf())
        {
            return Task.CompletedTask;
        }

        var option = request.Method.Transaction;
        if (option == TransactionOption.Create || (option == TransactionOption.CreateOrJoin && request.Transaction is null))
        {
            return InvokeInNewTransactionAsync(request);
        }

        return InvokeCoreAsync(request);
    }

    /// <summary>This activation coordinates: the method is the transaction's body, and its result is kept for the caller.</summary>
    private Task InvokeInNewTransactionAsync(GrainRequest request) =>
        _catalog.Transactions.RunAsync(TransactionOption.Create, async () =>
        {
            var execution = InvokeCoreAsync(request);
            await execution;
            if (!request.HasFilterResult)
            {
                request.SetFilterResult(request.Method.ResultReader(execution));
            }

            return true;
        });

    private Task InvokeCoreAsync(GrainRequest request)
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
