using GrainMarket.ApiGateway.ReadModels;
using GrainMarket.Common;
using Microsoft.AspNetCore.Diagnostics;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using Orleans.Transactions;

namespace GrainMarket.ApiGateway.Http;

/// <summary>
/// Translates the few exceptions that are outcomes a client can act on, and nothing else: a body that cannot be read
/// (400 naming the JSON path, 413 or 415), a list without a database (503), a transaction that was still aborted by a
/// conflict after <see cref="TransactionRetry"/>'s attempts or a grain's state write that lost a race (409, safe to retry), one whose outcome is unknown (503: check
/// before retrying), a silo that could not be reached mid-call (503, same advice), and text PostgreSQL cannot store that
/// slipped past <see cref="ControlCharacterMiddleware"/> (400 <c>control-characters</c>, see <see cref="UnstorableText"/>). An abort wrapping a grain's own
/// exception is a broken invariant, not a conflict: it stays a server fault (500).
/// </summary>
public sealed class DomainExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (Translate(exception) is not { } error)
        {
            return false;
        }

        await DomainProblems.For(exception is BadHttpRequestException ? UnreadableRequest.AsSpelled(error, httpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Endpoint ?? httpContext.GetEndpoint()) : error).ExecuteAsync(httpContext);
        return true;
    }

    /// <summary>The error a client can act on that <paramref name="exception"/> stands for, or null for a server fault (500).</summary>
    public static DomainError? Translate(Exception exception) => exception switch
    {
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => new DomainError(ErrorCodes.RequestTooLarge, $"The request body is larger than {Extensions.GatewayExtensions.MaxRequestBodyBytes} bytes."),
        BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } => new DomainError(ErrorCodes.UnsupportedMediaType, "The body must be JSON (Content-Type: application/json)."),
        BadHttpRequestException bad => UnreadableRequest.Describe(bad),
        ReadModelUnavailableException => new DomainError(ErrorCodes.ReadModelUnavailable, exception.Message),
        _ when UnstorableText.IsCauseOf(exception) => new DomainError(ErrorCodes.ControlCharacters, "A text value holds a character the database cannot store (such as NUL): remove control characters and send it again."),
        OrleansTransactionInDoubtException => new DomainError(ErrorCodes.OutcomeUnknown, "The outcome of the change is unknown; read the resource before retrying."),
        StateWriteConflictException => new DomainError(ErrorCodes.TransactionConflict, "The change collided with a concurrent change and was not applied; retry it."),
        _ when TransactionFailures.IsRetryable(exception) => new DomainError(ErrorCodes.TransactionConflict, "The change collided with concurrent changes and was not applied; retry it."),
        OrleansTransactionAbortedException { InnerException: { } inner } when IsSiloLost(inner) => SiloLost,
        _ when IsSiloLost(exception) => SiloLost,
        _ => null,
    };

    private static DomainError SiloLost => new(ErrorCodes.OutcomeUnknown, "A silo could not be reached (the cluster is changing); the change may or may not have been applied: read the resource, or retry with the same Idempotency-Key.");

    /// <summary>
    /// A call that lost its silo: the silo died or left (<see cref="SiloUnavailableException"/>, a kind of
    /// <see cref="OrleansMessageRejectionException"/>), no gateway took the message (<see cref="ConnectionFailedException"/>,
    /// <see cref="GatewayTooBusyException"/>), or no response came within the response timeout (<see cref="TimeoutException"/>,
    /// e.g. a frozen silo). Whether the grain ran the call is unknown.
    /// </summary>
    private static bool IsSiloLost(Exception exception) =>
        exception is OrleansMessageRejectionException or ConnectionFailedException or GatewayTooBusyException or TimeoutException;

}
