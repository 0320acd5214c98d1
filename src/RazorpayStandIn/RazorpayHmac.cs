using System.Security.Cryptography;
using System.Text;

namespace GrainMarket.RazorpayStandIn;

/// <summary>
/// Signs as Razorpay does: lower-case hex HMAC-SHA256 of a message under a secret — a webhook's raw body under the
/// webhook secret (<c>X-Razorpay-Signature</c>), and <c>"{order_id}|{payment_id}"</c> under the key secret (Checkout's
/// <c>razorpay_signature</c>). Written from Razorpay's documentation, apart from the gateway's check, so each verifies the other.
/// </summary>
public static class RazorpayHmac
{
    public const string SignatureHeader = "X-Razorpay-Signature";

    public const string EventIdHeader = "x-razorpay-event-id";

    public static string Sign(string message, string secret)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(secret);
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(message)));
    }
}
