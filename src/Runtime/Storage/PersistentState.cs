namespace GrainMarket.Runtime.Storage;

/// <summary>An activation's view of one durable state, read at activation and written with a version check.</summary>
internal sealed class PersistentState<TState>(GrainId grainId, string stateName, IGrainStorage storage)
    : IPersistentState<TState>, IActivationStateParticipant
{
    private TState _state = Activator.CreateInstance<TState>();

    public TState State
    {
        get => _state;
        set => _state = value ?? throw new ArgumentNullException(nameof(value));
    }

    public string? Etag { get; private set; }

    public bool RecordExists { get; private set; }

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        var stored = await storage.ReadAsync<TState>(grainId, stateName, cancellationToken);
        _state = stored.State ?? Activator.CreateInstance<TState>();
        Etag = stored.Etag;
        RecordExists = stored.RecordExists;
    }

    public async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        Etag = await storage.WriteAsync(grainId, stateName, _state, Etag, cancellationToken);
        RecordExists = true;
    }

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        Etag = await storage.ClearAsync(grainId, stateName, Etag, cancellationToken);
        RecordExists = false;
        _state = Activator.CreateInstance<TState>();
    }

    Task IActivationStateParticipant.LoadAsync(CancellationToken cancellationToken) => ReadStateAsync(cancellationToken);
}
