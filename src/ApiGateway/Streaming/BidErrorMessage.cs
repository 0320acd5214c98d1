using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;

namespace GrainMarket.ApiGateway.Streaming;

/// <summary>A refused message of a watcher: the problem that REST would answer with (its <c>status</c> and stable <c>code</c> included).</summary>
public sealed record BidErrorMessage(string? RequestId, ProblemDetails Problem)
{
    [JsonPropertyOrder(-1)]
    public string Type => "bid_error";
}
