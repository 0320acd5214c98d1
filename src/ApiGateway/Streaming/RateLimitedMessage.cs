using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;

namespace GrainMarket.ApiGateway.Streaming;

/// <summary>A watcher's message that came faster than the socket's message rate and was not read (its <c>requestId</c>, if it had one).</summary>
public sealed record RateLimitedMessage(string? RequestId, ProblemDetails Problem)
{
    [JsonPropertyOrder(-1)]
    public string Type => "rate_limited";
}
