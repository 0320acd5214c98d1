namespace GrainMarket.ApiGateway.Media;

/// <summary>A stored object being read: its bytes (the caller disposes the stream) and their length.</summary>
public sealed record MediaObject(Stream Content, long Length) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
