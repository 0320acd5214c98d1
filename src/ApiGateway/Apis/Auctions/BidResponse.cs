using GrainMarket.Auctions;

namespace GrainMarket.ApiGateway.Apis.Auctions;

public sealed record BidResponse(Guid Id, bool Accepted, bool Leading, long CurrentPrice, long MinNextBid, DateTimeOffset EndsAt, string Currency)
{
    public static BidResponse From(BidOutcome outcome, string currency)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return new(outcome.BidId, outcome.Accepted, outcome.Leading, outcome.CurrentPrice, outcome.MinNextBid, outcome.EndsAt, currency);
    }
}
