using GrainMarket.Common;

namespace GrainMarket.ApiGateway.Apis.Accounts;

/// <summary>
/// The rule of usernames: 3–30 ASCII letters, digits and underscores, starting with a letter, unique ignoring case (they
/// are stored in lower case). ASCII only, as e-mail addresses: look-alike letters from other scripts would let one user
/// pass for another. A few names that would pass for the marketplace itself are reserved.
/// </summary>
public static class Usernames
{
    public const int MinLength = 3;
    public const int MaxLength = 30;

    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "admin", "administrator", "grainmarket", "help", "moderator", "root", "security", "support", "system",
    };

    /// <summary>Null when <paramref name="username"/> is absent or follows the rule; otherwise the 400 naming <paramref name="field"/>.</summary>
    public static DomainError? Check(string? username, string field) => username switch
    {
        null => null,
        { Length: < MinLength or > MaxLength } => DomainError.Invalid(field, $"must be {MinLength} to {MaxLength} characters"),
        _ when !char.IsAsciiLetter(username[0]) => DomainError.Invalid(field, "must start with a letter"),
        _ when !username.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') => DomainError.Invalid(field, "may hold only ASCII letters, digits and underscores"),
        _ when Reserved.Contains(username.ToLowerInvariant()) => DomainError.Invalid(field, "is reserved"),
        _ => null,
    };

    /// <summary>The stored form of a username that passed <see cref="Check"/>: lower case.</summary>
    public static string? Normalize(string? username) => username?.ToLowerInvariant();
}
