namespace GrainMarket.Runtime.Storage;

/// <summary>A state as read from storage: the value (default when absent), its version, and whether a record holds data.</summary>
public sealed record StoredState<T>(T? State, string? Etag, bool RecordExists);
