namespace GrainMarket.ApiGateway.Media;

/// <summary>A stored upload: its id (the SHA-256 of the stored bytes), the URL to use for it, and what it is.</summary>
public sealed record MediaResponse(string Id, string Url, string ContentType, int Width, int Height, long Bytes);
