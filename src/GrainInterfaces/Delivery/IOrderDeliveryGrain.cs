using GrainMarket.Common;
using GrainMarket.Orders;

namespace GrainMarket.Delivery;

/// <summary>
/// The delivery side of an order (key: the order id; the same grain as <see cref="IOrderGrain"/>): a courier claims
/// it, picks it up and proves its delivery with the buyer's PIN or QR code; the buyer may confirm delivery or dispute
/// it, and an admin resolves a dispute. Each step that involves the courier's slot runs in one transaction with the
/// courier grain. Expected refusals are <see cref="DomainError"/> values; a refusal changes nothing, except a wrong
/// proof, whose try is counted.
/// </summary>
[Alias("gm.order-delivery")]
public interface IOrderDeliveryGrain : IGrainWithGuidKey
{
    /// <summary>How many wrong proofs lock the proof until a seller or an admin resets it.</summary>
    public const int ProofAttempts = 5;

    /// <summary>
    /// Claims a processing, unclaimed, unshipped order for <paramref name="courierId"/>, taking one of their slots, in
    /// one transaction; claiming it again answers the order. Another courier's claim: order-already-claimed.
    /// </summary>
    [Alias("claim")]
    Task<Result<OrderView>> ClaimAsync(Guid courierId);

    /// <summary>Gives a claim back before pickup (the courier, or an admin), freeing the courier's slot in the same transaction.</summary>
    [Alias("release")]
    Task<Result<OrderView>> ReleaseAsync(Actor actor);

    /// <summary>
    /// The assigned courier's next step: processing → shipped (picked up: every seller's lines move, and the buyer is
    /// sent a new proof), then shipped → out for delivery.
    /// </summary>
    [Alias("advance")]
    Task<Result<OrderView>> AdvanceAsync(Actor actor);

    /// <summary>
    /// The assigned courier presents the proof: a right one delivers the order, records who, when and where, frees the
    /// courier's slot and starts the completion delay; a wrong one is counted (proof-invalid, then proof-locked).
    /// </summary>
    [Alias("submitProof")]
    Task<Result<OrderView>> SubmitProofAsync(Actor actor, ProofSubmission proof);

    /// <summary>The proof of delivery, for the buyer only (order-not-found for anyone else).</summary>
    [Alias("getProof")]
    Task<Result<ProofView>> GetProofAsync(Actor actor);

    /// <summary>A new PIN and QR token with a full set of tries (a seller of the order or an admin); the buyer is told.</summary>
    [Alias("resetProof")]
    Task<Result<OrderView>> ResetProofAsync(Actor actor);

    /// <summary>The buyer confirms the delivery of a shipped or out-for-delivery order.</summary>
    [Alias("confirmDelivery")]
    Task<Result<OrderView>> ConfirmDeliveryAsync(Actor actor);

    /// <summary>The buyer disputes a shipped, out-for-delivery or delivered order before it completes: it stays unsettled until an admin resolves it.</summary>
    [Alias("dispute")]
    Task<Result<OrderView>> DisputeAsync(Actor actor, string reason);

    /// <summary>
    /// An admin resolves a dispute (<see cref="DisputeOutcomes"/>): release delivers and completes the order at once;
    /// refund cancels it, releasing the buyer's hold in full and the reserved stock in one transaction.
    /// </summary>
    [Alias("resolveDispute")]
    Task<Result<OrderView>> ResolveDisputeAsync(Actor actor, string outcome, string note);
}
