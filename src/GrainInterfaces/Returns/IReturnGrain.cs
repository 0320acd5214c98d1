using GrainMarket.Common;
using GrainMarket.Orders;

namespace GrainMarket.Returns;

/// <summary>
/// One return (key: the return id, derived from the buyer and the request's Idempotency-Key). Requesting it claims the
/// lines of the order in one transaction with the order; each later step is one transaction too, and the admin's
/// decision moves the money (the refund), the stock (restock or write-off by condition) and the seller's points together
/// with the return and its order. Repeating a step that already happened returns the return as it stands; expected
/// failures are <see cref="DomainError"/> values and change nothing. Parties are told of each step in their inbox.
/// </summary>
[Alias("gm.return")]
public interface IReturnGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Claims the lines on the order (a delivered or completed checkout order of the buyer, within the return window after
    /// its delivery, no more units than were bought less what earlier returns claim, every line one seller's) and opens
    /// the return. Repeating it returns the return.
    /// </summary>
    [Alias("request")]
    Task<Result<ReturnView>> RequestAsync(NewReturn request);

    [Alias("get")]
    Task<ReturnView?> GetAsync();

    /// <summary>Requested → approved (its seller or an admin).</summary>
    [Alias("approve")]
    Task<Result<ReturnView>> ApproveAsync(Actor actor);

    /// <summary>Requested → rejected (its seller or an admin): the claim on the order's lines ends.</summary>
    [Alias("reject")]
    Task<Result<ReturnView>> RejectAsync(Actor actor, string reason);

    /// <summary>Approved → picked up (a courier, who becomes the return's courier, or an admin).</summary>
    [Alias("pickUp")]
    Task<Result<ReturnView>> PickUpAsync(Actor actor);

    /// <summary>Picked up → received (its seller or an admin).</summary>
    [Alias("receive")]
    Task<Result<ReturnView>> ReceiveAsync(Actor actor);

    /// <summary>Received → inspected (its courier or an admin): the condition of every returned unit.</summary>
    [Alias("inspect")]
    Task<Result<ReturnView>> InspectAsync(Actor actor, IReadOnlyList<InspectedLine> inspection);

    /// <summary>Inspected → refunded, replaced or closed (an admin).</summary>
    [Alias("decide")]
    Task<Result<ReturnView>> DecideAsync(Actor actor, ReturnDecision decision);
}
