using GrainMarket.ApiGateway.Http;
using GrainMarket.Common;
using Microsoft.AspNetCore.Authentication;

namespace GrainMarket.ApiGateway.Auth;

/// <summary>
/// What a refused external sign-in answers at its callback (a state that does not match the browser's correlation
/// cookie, a code the provider refuses, the user declining): a 400 problem instead of the handler's exception, saying
/// what to do but nothing of the provider's internals. Nothing is written: no account exists before the completion step.
/// </summary>
public static class ExternalSignInFailure
{
    public static async Task AnswerAsync(RemoteFailureContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.HandleResponse();
        var message = context.Failure?.Message ?? "";
        var reason = message.Contains("Correlation failed", StringComparison.Ordinal) || message.Contains("State", StringComparison.Ordinal)
            ? "its state does not match the one this browser started with"
            : message.Contains("access_denied", StringComparison.Ordinal)
                ? "the provider refused it or you declined"
                : "the provider did not accept it";
        context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ExternalSignInFailure))
            .LogWarning(context.Failure, "External sign-in with {Provider} failed", context.Scheme.Name);
        await DomainProblems.For(new DomainError(ErrorCodes.ExternalSignInFailed,
            $"The sign-in with {context.Scheme.Name} failed: {reason}. Start again at GET /api/auth/external/{context.Scheme.Name}.")).ExecuteAsync(context.HttpContext);
    }
}
