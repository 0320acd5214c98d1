using Npgsql;
using Orleans.Serialization;

namespace GrainMarket.ApiGateway.Http;

/// <summary>
/// PostgreSQL's refusal of text it cannot store — <c>22021 character_not_in_repertoire</c> (which is also how it refuses
/// a NUL) and <c>22P05 untranslatable_character</c> — is bad input, not a server fault. It is recognised anywhere in an
/// exception's chain: raised by a read-model query in the gateway, or by a grain's storage write in a silo, in which case
/// it arrives as Orleans' stand-in for an exception type it does not carry across (<see cref="UnavailableExceptionFallbackException"/>,
/// whose message still starts with the SQL state).
/// </summary>
public static class UnstorableText
{
    private static readonly string[] SqlStates = [PostgresErrorCodes.CharacterNotInRepertoire, PostgresErrorCodes.UntranslatableCharacter];

    public static bool IsCauseOf(Exception exception)
    {
        for (var cause = exception; cause is not null; cause = cause.InnerException)
        {
            if (cause is PostgresException { SqlState: var state } && SqlStates.Contains(state))
            {
                return true;
            }

            if (cause is UnavailableExceptionFallbackException { ExceptionType: { } type } fallback && type.StartsWith("Npgsql.PostgresException", StringComparison.Ordinal)
                && SqlStates.Any(code => fallback.Message.StartsWith(code + ":", StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }
}
