using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Npgsql;
using Orleans.Storage;

namespace GrainMarket.Persistence.PostgreSql;

/// <summary>
/// Grain storage (Orleans' <see cref="IGrainStorage"/> extension point) for persistent states that have read models:
/// each state is one version-checked row of <c>orleans_grain_state</c>, written together with the statements of the
/// <see cref="IStateProjection{TState}"/> registered for its type in one PostgreSQL transaction, through the same group
/// commit as the transactional states. Grains name it: <c>[PersistentState("user", PostgresGrainStorage.ProviderName)]</c>.
/// </summary>
public sealed class PostgresGrainStorage(StateTable table, Serializer serializer, IServiceProvider services) : IGrainStorage
{
    /// <summary>The provider name under which <see cref="PostgresStorageExtensions.AddPostgresStateStorage"/> registers it.</summary>
    public const string ProviderName = "postgres";

    /// <inheritdoc/>
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var row = await table.LoadGrainStateAsync(grainId.ToString(), stateName);
        if (row is null)
        {
            (grainState.State, grainState.ETag, grainState.RecordExists) = (Activator.CreateInstance<T>(), null, false);
            return;
        }

        var state = serializer.Deserialize<T>(row.Payload)
            ?? throw new InvalidOperationException($"Grain state {grainId}/{stateName} holds an empty {typeof(T).Name}.");
        (grainState.State, grainState.ETag, grainState.RecordExists) = (state, ETag(row.Version), true);
    }

    /// <inheritdoc/>
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var expected = Version(grainState.ETag);
        var command = table.WriteGrainStateCommand(grainId.ToString(), stateName, expected, serializer.SerializeToArray(grainState.State));
        ProjectionCommands? projected = null;
        if (grainState.State is { } state && services.GetService<IStateProjection<T>>() is { } projection)
        {
            projected = new ProjectionCommands();
            projection.Project(new StateProjectionContext(grainId, stateName), default, state, projected);
        }

        await WriteAsync(command, projected, grainId, stateName);
        (grainState.ETag, grainState.RecordExists) = (ETag((expected ?? 0) + 1), true);
    }

    /// <inheritdoc/>
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        await WriteAsync(table.ClearGrainStateCommand(grainId.ToString(), stateName, Version(grainState.ETag)), null, grainId, stateName);
        (grainState.State, grainState.ETag, grainState.RecordExists) = (Activator.CreateInstance<T>(), null, false);
    }

    /// <summary>
    /// Writes, and turns any failure into an <see cref="InconsistentStateException"/>: written or not, the activation's
    /// state is no longer known to be what the database holds (the grain changed it before writing), and Orleans
    /// deactivates an activation that lets that exception escape, so the next one reads what was stored instead of
    /// answering from a change that never committed (a retried request would otherwise find it and report success).
    /// </summary>
    private async Task WriteAsync(NpgsqlBatchCommand command, ProjectionCommands? projected, GrainId grainId, string stateName)
    {
        try
        {
            await table.WriteAsync(command, projected);
        }
        catch (Exception exception) when (exception is not InconsistentStateException)
        {
            throw new InconsistentStateException($"Grain state {grainId}/{stateName} may not have been written ({exception.GetType().Name}: {exception.Message}).", exception);
        }
    }

    private static string ETag(long version) => version.ToString(CultureInfo.InvariantCulture);

    private static long? Version(string? etag) => etag is null ? null : long.Parse(etag, CultureInfo.InvariantCulture);
}
