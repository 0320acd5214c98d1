using System.Security.Cryptography;
using System.Text;

namespace GrainMarket.ApiGateway.Carriers;

/// <summary>
/// The signature of a carrier's status callback: <c>X-Carrier-Signature: sha256=&lt;hex HMAC-SHA256 of the raw body&gt;</c>
/// under the webhook secret, compared in constant time before the body is read as JSON.
/// </summary>
public static class CarrierSignature
{
    public const string Header = "X-Carrier-Signature";

    private const string Prefix = "sha256=";

    public static string Sign(ReadOnlySpan<byte> body, string secret) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static bool IsValid(ReadOnlySpan<byte> body, string? signature, string secret)
    {
        if (signature is null || !signature.StartsWith(Prefix, StringComparison.Ordinal) || signature.Length != Prefix.Length + 64)
        {
            return false;
        }

        Span<byte> given = stackalloc byte[32];
        if (Convert.FromHexString(signature.AsSpan(Prefix.Length), given, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(given, HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
    }
}
