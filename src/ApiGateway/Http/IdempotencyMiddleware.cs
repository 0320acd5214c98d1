using System.Security.Cryptography;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.Common;
using Orleans;

namespace GrainMarket.ApiGateway.Http;

/// <summary>
/// For endpoints marked <see cref="IdempotentAttribute"/>: requires an <c>Idempotency-Key</c> header (at most 255
/// characters), claims it per user in an <see cref="IIdempotencyGrain"/> with a hash of the method, path and body, and
/// stores the response. A retry with the same key and body gets the stored response (<c>Idempotent-Replayed: true</c>);
/// the same key with another body gets 422; a server error, and a refusal caused by a passing condition (see
/// <see cref="IsPassing"/>), frees the key for a retry. The silo forgets a stored response after
/// <c>GRAINMARKET_IDEMPOTENCY_HOURS</c> (24 by default): the key is then new again.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next)
{
    public const string Header = "Idempotency-Key";

    /// <summary>Refusals that say "not now" rather than "no": replaying one would refuse every retry of the key for good.</summary>
    private static readonly HashSet<string> PassingCodes = new(StringComparer.Ordinal)
    {
        ErrorCodes.TransactionConflict, ErrorCodes.OutcomeUnknown, ErrorCodes.ReadModelUnavailable, ErrorCodes.IdempotencyKeyInProgress, ErrorCodes.TooManyAttempts,
    };

    public async Task InvokeAsync(HttpContext context, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.GetEndpoint()?.Metadata.GetMetadata<IdempotentAttribute>() is null)
        {
            await next(context);
            return;
        }

        var key = context.Request.Headers[Header].ToString();
        if (string.IsNullOrWhiteSpace(key) || key.Length > 255)
        {
            await DomainProblems.For(new DomainError(ErrorCodes.IdempotencyKeyRequired, $"This request moves money or creates something: send an {Header} header of 1 to 255 characters, and the same one when retrying.", Header)).ExecuteAsync(context);
            return;
        }

        var scope = context.User.Identity?.IsAuthenticated == true ? context.User.UserId().ToString("N") : "anonymous";
        var grain = grains.GetGrain<IIdempotencyGrain>($"{scope}:{key}");
        var hash = await HashAsync(context.Request);
        var claim = await grain.BeginAsync(hash);
        switch (claim.Outcome)
        {
            case IdempotencyOutcome.Mismatch:
                await DomainProblems.For(new DomainError(ErrorCodes.IdempotencyKeyReused, $"This {Header} was used for a different request.", Header)).ExecuteAsync(context);
                return;
            case IdempotencyOutcome.InProgress:
                await DomainProblems.For(new DomainError(ErrorCodes.IdempotencyKeyInProgress, "A request with this key is still running; retry in a moment.", Header)).ExecuteAsync(context);
                return;
            case IdempotencyOutcome.Replay:
                await ReplayAsync(context, claim.Response!);
                return;
        }

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        catch
        {
            context.Response.Body = original;
            await grain.AbandonAsync(hash);
            throw;
        }

        context.Response.Body = original;
        if (context.Response.StatusCode >= 500 || context.RequestAborted.IsCancellationRequested || IsPassing(context.Response, buffer))
        {
            // A client that went away before the answer also stops the handler's writing (it honours RequestAborted),
            // so the buffer may hold a status without its body: never keep that for replay (the chaos run saw empty
            // 201s replayed). The key is freed; the retry runs again and the domain's own ids make it apply once.
            await grain.AbandonAsync(hash);
        }
        else
        {
            await grain.CompleteAsync(hash, new StoredResponse(context.Response.StatusCode, context.Response.ContentType, context.Response.Headers.Location.ToString() is { Length: > 0 } location ? location : null, buffer.ToArray()));
        }

        if (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    /// <summary>
    /// Whether the answer was caused by a passing condition, so that a retry with the key must run again: 408, 423 and 429,
    /// and a problem whose code is in <see cref="PassingCodes"/> (a 409 <c>transaction-conflict</c>, a 503 <c>outcome-unknown</c>).
    /// </summary>
    private static bool IsPassing(HttpResponse response, MemoryStream body)
    {
        if (response.StatusCode is StatusCodes.Status408RequestTimeout or StatusCodes.Status423Locked or StatusCodes.Status429TooManyRequests)
        {
            return true;
        }

        if (response.StatusCode < 400 || response.ContentType?.StartsWith("application/problem+json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return false;
        }

        try
        {
            using var problem = System.Text.Json.JsonDocument.Parse(body.GetBuffer().AsMemory(0, (int)body.Length));
            return problem.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                && problem.RootElement.TryGetProperty("code", out var code)
                && code.ValueKind == System.Text.Json.JsonValueKind.String
                && PassingCodes.Contains(code.GetString()!);
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static async Task<string> HashAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            hash.AppendData(chunk, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private static async Task ReplayAsync(HttpContext context, StoredResponse response)
    {
        context.Response.StatusCode = response.StatusCode;
        context.Response.ContentType = response.ContentType;
        if (response.Location is not null)
        {
            context.Response.Headers.Location = response.Location;
        }

        context.Response.Headers["Idempotent-Replayed"] = "true";
        await context.Response.Body.WriteAsync(response.Body, context.RequestAborted);
    }
}
