using System.Collections.Concurrent;
using System.Net.Http;
using System.Text.Json;
using GrainMarket.Runtime.Core;
using GrainMarket.Runtime.Metadata;
using GrainMarket.Runtime.Serialization;
using GrainMarket.Runtime.Transactions;
using Microsoft.Extensions.Options;

namespace GrainMarket.Runtime.Cluster;

/// <summary>
/// Sends a grain call to the silo that owns the grain. Failures that certainly did not run the call (no
/// connection, not the owner, shutting down) are retried a bounded number of times on a fresh view of membership;
/// anything else — an application error, or a call whose fate is unknown — goes straight back to the caller.
/// </summary>
internal sealed class RemoteInvoker(SiloClient client, MembershipView view, GrainJsonOptions json, IOptions<ClusterOptions> options, TimeProvider timeProvider)
{
    private static readonly ConcurrentDictionary<string, Type?> ExceptionTypes = new(StringComparer.Ordinal);
    private readonly ClusterOptions _options = options.Value;

    /// <summary>Calls <paramref name="target"/>; <paramref name="local"/> runs the call here when this silo owns the grain.</summary>
    public async Task<T> InvokeAsync<T>(
        GrainId target,
        GrainInterfaceDescriptor grainInterface,
        GrainMethodDescriptor method,
        object?[] arguments,
        CallChain? chain,
        TimeSpan timeout,
        string? localSiloId,
        Func<Task<T>>? local,
        TransactionInfo? transaction = null)
    {
        SiloCallRequest? request = null;
        for (var attempt = 0; ; attempt++)
        {
            var owner = view.OwnerOf(target);
            if (owner is not null && owner.SiloId == localSiloId && local is not null)
            {
                try
                {
                    return await local();
                }
                catch (SiloUnavailableException) when (attempt < _options.MaxCallRetries)
                {
                    await BackOffAsync(attempt);
                    continue;
                }
            }

            if (owner is null)
            {
                if (attempt >= _options.MaxCallRetries)
                {
                    throw new SiloUnavailableException($"No active silo can host {target}.");
                }

                await BackOffAsync(attempt);
                continue;
            }

            request ??= new SiloCallRequest(
                target.Type,
                target.Key,
                grainInterface.InterfaceType.FullName!,
                method.Index,
                Serialize(method, arguments),
                chain?.ToIds(),
                Forwarded: false,
                transaction is null ? null : new TransactionToken(transaction.Id, transaction.StartTicks, transaction.CoordinatorSiloId ?? localSiloId),
                Sender: localSiloId);

            // Recorded before sending: a call still waiting for a lock there must hear a wound, and get the verdict.
            transaction?.AddRemoteSilos([owner.SiloId], localSiloId);

            SiloCallResponse response;
            try
            {
                response = await client.CallAsync(owner, request, timeout, CancellationToken.None);
            }
            catch (HttpRequestException exception) when (exception.HttpRequestError == HttpRequestError.ConnectionError && attempt < _options.MaxCallRetries)
            {
                // Nothing reached the silo: it is gone or not yet dropped from membership.
                await BackOffAsync(attempt);
                continue;
            }
            catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
            {
                throw new SiloUnavailableException($"The call to {target} on silo {owner.SiloId} failed and may or may not have run: {exception.Message}", exception);
            }

            if (transaction is not null && response.TransactionSilos is { } silos)
            {
                transaction.AddRemoteSilos(silos, localSiloId);
            }

            if (response.Error is { } error)
            {
                if (error.Retriable && attempt < _options.MaxCallRetries)
                {
                    await BackOffAsync(attempt);
                    continue;
                }

                throw Rehydrate(error, target);
            }

            return method.ResultType is null || response.Result is not { } result
                ? default!
                : (T)result.Deserialize(method.ResultType, json.Options)!;
        }
    }

    /// <summary>Recreates the remote exception's type when this process knows it, keeping its message.</summary>
    public static Exception Rehydrate(SiloCallError error, GrainId target)
    {
        var type = ExceptionTypes.GetOrAdd(error.Type, static name => AppDomain.CurrentDomain.GetAssemblies()
            .Select(a => a.GetType(name, throwOnError: false))
            .FirstOrDefault(t => t is not null && typeof(Exception).IsAssignableFrom(t) && t.GetConstructor([typeof(string)]) is not null));
        var exception = error.AbortReason is { } reason && error.TransactionId is { } transactionId
            ? new TransactionAbortedException(transactionId, reason, error.Message)
            : type is null
                ? new RemoteGrainException($"{error.Type}: {error.Message}") { RemoteType = error.Type }
                : (Exception)Activator.CreateInstance(type, error.Message)!;
        exception.Data["GrainId"] = target.ToString();
        return exception;
    }

    public JsonElement[] Serialize(GrainMethodDescriptor method, object?[] arguments)
    {
        var parameters = method.InterfaceMethod.GetParameters();
        var elements = new JsonElement[arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            elements[i] = JsonSerializer.SerializeToElement(arguments[i], parameters[i].ParameterType, json.Options);
        }

        return elements;
    }

    private Task BackOffAsync(int attempt) =>
        Task.Delay(TimeSpan.FromMilliseconds(Math.Min(50 * (1 << Math.Min(attempt, 5)), 1000)), timeProvider);
}
