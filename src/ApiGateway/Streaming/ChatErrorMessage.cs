using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;

namespace GrainMarket.ApiGateway.Streaming;

/// <summary>A refused message of a chat client: the problem REST would answer with, and the <c>clientId</c> of a refused send.</summary>
public sealed record ChatErrorMessage(string? ClientId, ProblemDetails Problem)
{
    [JsonPropertyOrder(-1)]
    public string Type => "error";
}
