using System.Globalization;

namespace GrainMarket.Accounts;

/// <summary>
/// The opaque tokens the account grains hand out start with the user id, so the gateway can route a token to its
/// grain: refresh tokens are <c>{userId}.{sessionId}.{generation}.{secret}</c>, reset tokens <c>{userId}.{secret}</c>.
/// Only the grain can tell whether the secret is right.
/// </summary>
public static class AccountTokens
{
    public static bool TryGetUserId(string? token, out Guid userId)
    {
        userId = Guid.Empty;
        var dot = token?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        return dot > 0 && Guid.TryParseExact(token.AsSpan(0, dot), "N", out userId);
    }

    public static string Refresh(Guid userId, string sessionId, int generation, string secret) =>
        string.Create(CultureInfo.InvariantCulture, $"{userId:N}.{sessionId}.{generation}.{secret}");

    public static bool TryParseRefresh(string token, out string sessionId, out int generation, out string secret)
    {
        ArgumentNullException.ThrowIfNull(token);
        var parts = token.Split('.');
        (sessionId, generation, secret) = ("", 0, "");
        if (parts.Length != 4 || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out generation))
        {
            return false;
        }

        (sessionId, secret) = (parts[1], parts[3]);
        return sessionId.Length > 0 && secret.Length > 0;
    }

    public static string Reset(Guid userId, string secret) => $"{userId:N}.{secret}";

    public static string? ResetSecret(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var parts = token.Split('.');
        return parts.Length == 2 && parts[1].Length > 0 ? parts[1] : null;
    }
}
