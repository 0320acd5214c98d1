using System.Buffers.Text;
using System.Text;

namespace GrainMarket.Accounts;

/// <summary>
/// The key of an <see cref="IExternalLoginGrain"/> (<c>{provider}:{subject}</c>), and its link tickets,
/// <c>{base64url(key)}.{secret}</c>, which name their grain the way refresh tokens name their user grain.
/// </summary>
public static class ExternalLogins
{
    public static string Key(string provider, string subject) => $"{provider}:{subject}";

    public static string Ticket(string key, string secret) => $"{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(key))}.{secret}";

    /// <summary>The grain key and the secret of a link ticket, or false when it is not one.</summary>
    public static bool TryParseTicket(string? ticket, out string key, out string secret)
    {
        (key, secret) = ("", "");
        var parts = ticket?.Split('.') ?? [];
        if (parts.Length != 2 || parts[1].Length == 0 || !Base64Url.IsValid(parts[0]))
        {
            return false;
        }

        key = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[0]));
        secret = parts[1];
        return key.Contains(':', StringComparison.Ordinal);
    }
}
