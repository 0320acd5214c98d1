using GrainMarket.Common;

namespace GrainMarket.Reviews;

/// <summary>
/// Ids derived from what they are about, so that a second review of an order's product or a second feedback on an
/// order's seller reaches the grain of the first and is refused there.
/// </summary>
public static class ReviewIds
{
    /// <summary>The review of <paramref name="productId"/> bought in <paramref name="orderId"/>.</summary>
    public static Guid Review(Guid orderId, Guid productId) => DeterministicGuid.From($"review:{orderId:N}:{productId:N}");

    /// <summary>The buyer's feedback on <paramref name="sellerId"/> for <paramref name="orderId"/>.</summary>
    public static Guid SellerFeedback(Guid orderId, Guid sellerId) => DeterministicGuid.From($"seller-feedback:{orderId:N}:{sellerId:N}");

    /// <summary>Platform feedback sent by <paramref name="userId"/> with this Idempotency-Key.</summary>
    public static Guid PlatformFeedback(Guid userId, string idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        return DeterministicGuid.From($"platform-feedback:{userId:N}:{idempotencyKey}");
    }

    /// <summary>How the key of a product's rating tally begins; the product id (32 hex digits) follows.</summary>
    public const string ProductTallyPrefix = "product/";

    /// <summary>How the key of a seller's rating tally begins; the seller id (32 hex digits) follows.</summary>
    public const string SellerTallyPrefix = "seller/";

    /// <summary>The key of the rating tally of a product (its reviews).</summary>
    public static string ProductTally(Guid productId) => $"{ProductTallyPrefix}{productId:N}";

    /// <summary>The key of the rating tally of a seller (their feedback).</summary>
    public static string SellerTally(Guid sellerId) => $"{SellerTallyPrefix}{sellerId:N}";
}
