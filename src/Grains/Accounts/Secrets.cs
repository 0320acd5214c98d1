using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace GrainMarket.Accounts;

/// <summary>Random secrets for tokens, and the hashes under which the grains keep them (never the secret itself).</summary>
internal static class Secrets
{
    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string NewId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(12));

    public static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static bool Matches(string secret, string? hash) =>
        hash is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(hash));

}
