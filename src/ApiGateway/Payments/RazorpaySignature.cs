using System.Security.Cryptography;
using System.Text;

namespace GrainMarket.ApiGateway.Payments;

/// <summary>
/// Razorpay's signatures: the lower-case hex HMAC-SHA256 of a message under a secret — the raw webhook body under the
/// webhook secret (<c>X-Razorpay-Signature</c>), and <c>"{order_id}|{payment_id}"</c> under the key secret (Checkout's
/// <c>razorpay_signature</c>) — compared in constant time.
/// </summary>
public static class RazorpaySignature
{
    public const string WebhookHeader = "X-Razorpay-Signature";

    public const string EventIdHeader = "x-razorpay-event-id";

    public static bool IsValid(string message, string? signature, string secret)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(secret);
        if (signature is not { Length: 64 })
        {
            return false;
        }

        Span<byte> given = stackalloc byte[32];
        if (Convert.FromHexString(signature, given, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(given, HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(message)));
    }

    /// <summary>The message Checkout's handler signature covers.</summary>
    public static string CheckoutMessage(string orderId, string paymentId) => $"{orderId}|{paymentId}";
}
