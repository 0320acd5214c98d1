using GrainMarket.Common;

namespace GrainMarket.Returns;

/// <summary>
/// Return ids and the deterministic ids of a return's money movements. A return's id is derived from the buyer and the
/// request's Idempotency-Key, so a retried request reaches the same return grain and claims nothing twice.
/// </summary>
public static class ReturnIds
{
    public static Guid FromIdempotencyKey(Guid buyerId, string idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        return DeterministicGuid.From($"return:{buyerId:N}:{idempotencyKey}");
    }

    /// <summary>The reference of every ledger entry a return's refund makes.</summary>
    public static string Reference(Guid returnId) => $"return:{returnId:N}";

    /// <summary>The refund's operation id in the buyer's wallet.</summary>
    public static string Refund(Guid returnId) => $"return:{returnId:N}:refund";

    /// <summary>The hold that pays a refund of a provider-paid order back out of the buyer's wallet, and the provider's refund key.</summary>
    public static string ToProvider(Guid returnId) => $"return:{returnId:N}:refund:provider";

    /// <summary>The hold through which a refund after settlement is debited from <paramref name="part"/> (seller or platform).</summary>
    public static string Debit(Guid returnId, string part) => $"return:{returnId:N}:debit:{part}";
}
