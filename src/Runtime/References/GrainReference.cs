namespace GrainMarket.Runtime;

/// <summary>
/// Base class of the grain reference types the runtime emits for grain interfaces. A reference holds only the
/// grain id and shared per-interface metadata; every call becomes a request to the grain's activation.
/// </summary>
public abstract class GrainReference : IEquatable<GrainReference>
{
    private readonly GrainReferenceShared _shared;

    protected GrainReference(GrainReferenceShared shared, GrainId grainId)
    {
        ArgumentNullException.ThrowIfNull(shared);
        _shared = shared;
        GrainId = grainId;
    }

    public GrainId GrainId { get; }

    public Type InterfaceType => _shared.Interface.InterfaceType;

    public bool Equals(GrainReference? other) => other is not null && GrainId == other.GrainId && InterfaceType == other.InterfaceType;

    public override bool Equals(object? obj) => Equals(obj as GrainReference);

    public override int GetHashCode() => GrainId.GetHashCode();

    public override string ToString() => $"{InterfaceType.Name}:{GrainId}";

    protected Task<T> InvokeAsync<T>(int methodIndex, object?[] arguments) =>
        _shared.Invoker.InvokeAsync<T>(_shared, GrainId, methodIndex, arguments);

    protected Task InvokeVoidAsync(int methodIndex, object?[] arguments) =>
        _shared.Invoker.InvokeAsync<object?>(_shared, GrainId, methodIndex, arguments);

    protected ValueTask<T> InvokeValueTaskAsync<T>(int methodIndex, object?[] arguments) =>
        new(InvokeAsync<T>(methodIndex, arguments));

    protected ValueTask InvokeValueTaskVoidAsync(int methodIndex, object?[] arguments) =>
        new(InvokeVoidAsync(methodIndex, arguments));
}
