using System.Security.Cryptography;
using System.Text;

namespace GrainMarket.Orders;

/// <summary>
/// Order ids and the deterministic ids of an order's steps. A checkout's order id is derived from the buyer and the
/// Idempotency-Key, so a retried checkout reaches the same order grain and cannot place a second order.
/// </summary>
public static class OrderIds
{
    public static Guid FromIdempotencyKey(Guid buyerId, string idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"checkout:{buyerId:N}:{idempotencyKey}"));
        // RFC 9562 version 8 (custom) with the variant bits set.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    public static string Hold(Guid orderId) => $"order:{orderId:N}:hold";

    public static string Reservation(Guid orderId) => $"order:{orderId:N}";

    public static string Reference(Guid orderId) => $"order:{orderId:N}";
}
