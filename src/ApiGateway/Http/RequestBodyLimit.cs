namespace GrainMarket.ApiGateway.Http;

/// <summary>Endpoint metadata raising <see cref="RequestSizeLimitMiddleware"/>'s cap for one operation (an upload).</summary>
public sealed record RequestBodyLimit(long MaxBytes);
