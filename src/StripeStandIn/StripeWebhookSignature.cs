using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace GrainMarket.StripeStandIn;

/// <summary>
/// Signs a webhook as Stripe does: <c>Stripe-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "t.body" under
/// the endpoint secret&gt;</c>. Written from Stripe's documentation, apart from the gateway's check (Stripe.net's
/// <c>EventUtility</c>), so each verifies the other.
/// </summary>
public static class StripeWebhookSignature
{
    public const string Header = "Stripe-Signature";

    public static string Sign(string body, string secret, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(secret);
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }
}
