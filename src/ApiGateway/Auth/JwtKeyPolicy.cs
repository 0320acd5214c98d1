using System.Text;

namespace GrainMarket.ApiGateway.Auth;

/// <summary>
/// What makes a <c>GRAINMARKET_JWT_KEY</c> acceptable outside Development. The entropy of a key cannot be measured
/// from the key, so this refuses what is certainly weak: fewer than 32 bytes; an estimate under 256 bits, where the
/// estimate is the number of characters (base64 padding aside) times log2 of the alphabet they come from (16 for hex;
/// 64 for base64 that mixes upper- and lowercase; otherwise the sum of the classes used: 26 lowercase, 26 uppercase, 10
/// digits, 4 for <c>+/-_</c>, 29 other printable ASCII, 128 non-ASCII); fewer than 3 bits of Shannon entropy per
/// character; a repetition of a shorter sequence; and every key published in the repository. 48 random bytes in base64
/// (<c>openssl rand -base64 48</c>, what the scripts generate) always pass.
/// </summary>
public static class JwtKeyPolicy
{
    public const int MinimumBits = 256;

    /// <summary>Keys that appear in the repository, its history or its docs: anyone can sign tokens with them.</summary>
    private static readonly string[] PublishedKeys =
    [
        "compose-development-key-not-for-production-use",
        "test-signing-key-of-at-least-thirty-two-bytes",
        "cluster-test-signing-key-of-at-least-32-bytes",
        "REPLACE-with-at-least-32-random-bytes-base64-encoded",
    ];

    /// <summary>Why <paramref name="key"/> may not sign tokens outside Development, or null when it may.</summary>
    public static string? Refusal(string? key)
    {
        const string Advice = "set GRAINMARKET_JWT_KEY to 48 random bytes in base64 (e.g. `openssl rand -base64 48`), the same on every silo and gateway";
        if (string.IsNullOrEmpty(key))
        {
            return $"GRAINMARKET_JWT_KEY is not set: outside Development the process will not sign tokens with a key made up at start-up; {Advice}.";
        }

        if (Encoding.UTF8.GetByteCount(key) < 32)
        {
            return $"GRAINMARKET_JWT_KEY is shorter than 32 bytes (HMAC-SHA256 needs a 256-bit key); {Advice}.";
        }

        if (PublishedKeys.Contains(key.Trim(), StringComparer.Ordinal))
        {
            return $"GRAINMARKET_JWT_KEY is a key published in the GrainMarket repository, so anyone can sign tokens with it; {Advice}.";
        }

        if (IsRepetition(key) || ShannonBitsPerCharacter(key) < 3 || EstimatedBits(key) < MinimumBits)
        {
            return $"GRAINMARKET_JWT_KEY has less than {MinimumBits} bits of estimated entropy (a phrase or a repeated pattern is not a key); {Advice}.";
        }

        return null;
    }

    /// <summary>Characters (base64 padding aside) times log2 of the alphabet they come from.</summary>
    public static double EstimatedBits(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var body = key.TrimEnd('=');
        return body.Length * Math.Log2(Math.Max(2, AlphabetSize(body)));
    }

    private static int AlphabetSize(string body)
    {
        if (body.All(char.IsAsciiHexDigit))
        {
            return 16;
        }

        var lower = body.Any(char.IsAsciiLetterLower);
        var upper = body.Any(char.IsAsciiLetterUpper);
        if (lower && upper && body.All(c => char.IsAsciiLetterOrDigit(c) || IsBase64Symbol(c)))
        {
            // A random base64 draw may happen to lack digits or symbols; mixing both cases says it is base64.
            return 64;
        }

        return (lower ? 26 : 0) + (upper ? 26 : 0)
            + (body.Any(char.IsAsciiDigit) ? 10 : 0)
            + (body.Any(IsBase64Symbol) ? 4 : 0)
            + (body.Any(c => char.IsAscii(c) && !char.IsAsciiLetterOrDigit(c) && !IsBase64Symbol(c)) ? 29 : 0)
            + (body.Any(c => !char.IsAscii(c)) ? 128 : 0);
    }

    private static bool IsBase64Symbol(char c) => c is '+' or '/' or '-' or '_';

    private static double ShannonBitsPerCharacter(string key) =>
        -key.GroupBy(c => c).Sum(g => (double)g.Count() / key.Length * Math.Log2((double)g.Count() / key.Length));

    private static bool IsRepetition(string key) =>
        Enumerable.Range(1, key.Length / 2).Any(period => key.Length % period == 0 && string.Concat(Enumerable.Repeat(key[..period], key.Length / period)) == key);
}
