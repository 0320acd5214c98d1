using System.Collections.Concurrent;

namespace GrainMarket.Runtime;

/// <summary>
/// Creates grain references for a silo or a client: the emitted reference type and the shared metadata are built
/// once per interface by <paramref name="describe"/>, then every reference is one allocation.
/// </summary>
internal sealed class GrainReferenceFactory(Func<Type, (GrainReferenceShared Shared, Func<GrainReferenceShared, GrainId, GrainReference> Create)> describe)
    : IGrainFactory
{
    private readonly ConcurrentDictionary<Type, (GrainReferenceShared Shared, Func<GrainReferenceShared, GrainId, GrainReference> Create)> _references = new();

    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey) where TGrainInterface : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(primaryKey);
        return Create<TGrainInterface>(type => GrainId.Create(type, primaryKey));
    }

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey) where TGrainInterface : IGrainWithGuidKey =>
        Create<TGrainInterface>(type => GrainId.Create(type, primaryKey));

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey) where TGrainInterface : IGrainWithIntegerKey =>
        Create<TGrainInterface>(type => GrainId.Create(type, primaryKey));

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId) where TGrainInterface : IGrain =>
        Create<TGrainInterface>(type => type == grainId.Type
            ? grainId
            : throw new ArgumentException($"{grainId} is not a grain of {typeof(TGrainInterface).Name} (grain type '{type}').", nameof(grainId)));

    private TGrainInterface Create<TGrainInterface>(Func<string, GrainId> makeId)
    {
        var (shared, create) = _references.GetOrAdd(typeof(TGrainInterface), describe);
        return (TGrainInterface)(object)create(shared, makeId(shared.GrainType));
    }
}
