namespace GrainMarket.ApiGateway.Streaming;

/// <summary>
/// What an <see cref="EventFeed"/> is doing: whether its connection listens (and that connection's PostgreSQL backend
/// process), how many times it has connected, and how many streams and watchers it serves.
/// </summary>
public sealed record FeedStatus(bool Listening, int? BackendProcessId, long Connects, int Streams, int Watchers);
