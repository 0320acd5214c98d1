using System.Text.Json;
using GrainMarket.Runtime.Core;
using GrainMarket.Runtime.Hosting;
using GrainMarket.Runtime.Metadata;
using GrainMarket.Runtime.Serialization;
using GrainMarket.Runtime.Transactions;
using Microsoft.Extensions.Options;

namespace GrainMarket.Runtime.Cluster;

/// <summary>
/// Runs calls that arrive from other silos and clients. A call for a grain this silo does not own is forwarded
/// once to the owner it sees; a forwarded call that still misses fails retriably, and the caller tries again.
/// </summary>
internal sealed class IncomingCallHandler(
    GrainTypeManager types,
    Catalog catalog,
    MembershipView view,
    LocalSilo self,
    SiloClient client,
    GrainJsonOptions json,
    TransactionRegistry transactions,
    IOptions<GrainRuntimeOptions> options,
    TimeProvider timeProvider)
{
    private readonly Lazy<Dictionary<string, GrainInterfaceDescriptor>> _interfaces = new(() =>
        types.Classes.SelectMany(c => c.Interfaces.Values).DistinctBy(i => i.InterfaceType).ToDictionary(i => i.InterfaceType.FullName!, StringComparer.Ordinal));

    /// <summary>Interface full name → grain type, for clients that have the interfaces but not the grain classes.</summary>
    public Dictionary<string, string> Manifest() =>
        types.Classes
            .SelectMany(c => c.Interfaces.Keys.Select(i => (Interface: i.FullName!, c.GrainType)))
            .GroupBy(x => x.Interface, StringComparer.Ordinal)
            .Where(g => g.Count() == 1)
            .ToDictionary(g => g.Key, g => g.Single().GrainType, StringComparer.Ordinal);

    public async Task<SiloCallResponse> HandleAsync(SiloCallRequest request)
    {
        var target = new GrainId(request.GrainType, request.Key);
        if (request.Sender is { } sender && !view.IsMember(sender))
        {
            // A silo the cluster declared dead (frozen, then resumed) may still send the calls its turns had under way
            // before it learns it must stop: their effects here would outlive it (a wallet hold raised for an auction
            // that has settled since). Retriable, for a silo that joined after this view was read.
            return Error(new SiloUnavailableException($"Silo {self.SiloId} does not count {sender} in the cluster: its calls are refused."), retriable: true);
        }

        var owner = view.OwnerOf(target);
        if (owner is null || owner.SiloId != self.SiloId)
        {
            if (request.Forwarded || owner is null)
            {
                return Error(new SiloUnavailableException($"Silo {self.SiloId} does not own {target}."), retriable: true);
            }

            try
            {
                return await client.CallAsync(owner, request with { Forwarded = true }, options.Value.ResponseTimeout, CancellationToken.None);
            }
            catch (HttpRequestException exception) when (exception.HttpRequestError == HttpRequestError.ConnectionError)
            {
                return Error(new SiloUnavailableException($"Forwarding {target} to {owner.SiloId} failed: {exception.Message}"), retriable: true);
            }
        }

        GrainClassDescriptor grainClass;
        GrainMethodDescriptor method;
        object?[] arguments;
        try
        {
            grainClass = types.GetByGrainType(request.GrainType);
            if (!_interfaces.Value.TryGetValue(request.Interface, out var grainInterface))
            {
                throw new InvalidOperationException($"Silo {self.SiloId} does not know grain interface {request.Interface}.");
            }

            method = grainClass.GetInterface(grainInterface.InterfaceType).Methods[request.Method];
            arguments = Deserialize(method, request.Arguments);
        }
        catch (Exception exception) when (exception is InvalidOperationException or JsonException or ArgumentOutOfRangeException)
        {
            return Error(exception, retriable: false);
        }

        var transaction = request.Transaction is { } token ? transactions.Join(token) : null;
        var call = new UntypedGrainRequest(target, grainClass, method, arguments, CallChain.FromIds(request.Chain))
        {
            Deadline = timeProvider.GetTimestamp() + (long)(options.Value.ResponseTimeout.TotalSeconds * timeProvider.TimestampFrequency),
            Transaction = transaction,
        };
        catalog.Dispatch(call);
        try
        {
            var result = await call.Task;
            return new SiloCallResponse(
                method.ResultType is null ? null : JsonSerializer.SerializeToElement(result, method.ResultType, json.Options),
                null,
                TransactionSilos(transaction));
        }
        catch (Exception exception)
        {
            return Error(exception, retriable: exception is SiloUnavailableException) with { TransactionSilos = TransactionSilos(transaction) };
        }
    }

    /// <summary>The silos that hold participants of the transaction: this one if any enlisted here, and those reached from here.</summary>
    private List<string>? TransactionSilos(TransactionInfo? transaction) =>
        transaction is null ? null : [.. transaction.HasParticipants ? [self.SiloId] : Array.Empty<string>(), .. transaction.RemoteSilos];

    private object?[] Deserialize(GrainMethodDescriptor method, IReadOnlyList<JsonElement> arguments)
    {
        var parameters = method.InterfaceMethod.GetParameters();
        if (parameters.Length != arguments.Count)
        {
            throw new InvalidOperationException($"{method.Name} takes {parameters.Length} arguments, not {arguments.Count}.");
        }

        var values = new object?[parameters.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = arguments[i].Deserialize(parameters[i].ParameterType, json.Options);
        }

        return values;
    }

    private static SiloCallResponse Error(Exception exception, bool retriable) =>
        new(null, exception is TransactionAbortedException aborted
            ? new SiloCallError(exception.GetType().FullName!, aborted.Message, retriable, aborted.Reason, aborted.TransactionId)
            : new SiloCallError(exception.GetType().FullName!, exception.Message, retriable));
}
