using System.Security.Cryptography;
using System.Text;

namespace GrainMarket.ApiGateway.Apis.Wallets;

/// <summary>
/// Ids derived from who asked and their <c>Idempotency-Key</c>, so that a retry reaches the same operation even when
/// the idempotency record is gone: the grains then apply it once by this id.
/// </summary>
public static class OperationIds
{
    public static string AdminCredit(Guid adminId, string idempotencyKey) => $"admin-credit:{adminId:N}:{idempotencyKey}";

    /// <summary>A top-up's idempotency key at the payment provider: one payment per user and key, whatever the key's length.</summary>
    public static string Topup(Guid userId, string idempotencyKey) =>
        $"topup:{userId:N}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)).AsSpan(0, 16))}";

    /// <summary>An admin's refund's id: the first 16 bytes of SHA-256 over the admin id and the key.</summary>
    public static Guid Refund(Guid adminId, string idempotencyKey)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"refund\n{adminId:N}\n{idempotencyKey}"));
        return new Guid(hash.AsSpan(0, 16));
    }

    /// <summary>A withdrawal's id: the first 16 bytes of SHA-256 over the user id and the key.</summary>
    public static Guid Withdrawal(Guid userId, string idempotencyKey)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"withdrawal\n{userId:N}\n{idempotencyKey}"));
        return new Guid(hash.AsSpan(0, 16));
    }
}
