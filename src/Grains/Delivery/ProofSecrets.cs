using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace GrainMarket.Delivery;

/// <summary>Issues and checks proof secrets: a 6-digit PIN and a 144-bit QR token from the cryptographic generator, compared in constant time.</summary>
public static class ProofSecrets
{
    /// <summary>18 random bytes: 144 bits, 24 base64url characters.</summary>
    private const int TokenBytes = 18;

    public static DeliveryProof Issue(int generation) =>
        new(RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture), Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(TokenBytes)), 0, generation);

    /// <summary>Whether the submission carries this proof's PIN or token (one of them), compared without leaking how much of it matched.</summary>
    public static bool Matches(DeliveryProof proof, ProofSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(proof);
        ArgumentNullException.ThrowIfNull(submission);
        return submission.Pin is { } pin ? Same(pin, proof.Pin) : submission.QrToken is { } token && Same(token, proof.QrToken);
    }

    private static bool Same(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}
