using System.Text.Json;

namespace GrainMarket.Auctions;

/// <summary>
/// Keeps the auction read models in step with each write of an auction, in its commit: the row that lists and finds it,
/// the new rows of its bid history, the maximum of each bidder who bid (<c>auction_bidders</c>), and the new events of its
/// live stream. The commit also notifies the channel
/// <c>auction_events</c> with <c>&lt;auction id&gt;:&lt;sequence&gt;</c>, which PostgreSQL delivers only if it commits, so
/// every gateway learns of exactly the committed events. The auction's state is persistent, so it gets the grain's live
/// state object (no previous state): the bids and events to append are its unstored <see cref="AuctionState.NewBids"/>
/// and <see cref="AuctionState.NewEvents"/>, which the grain drops once the write has committed.
/// </summary>
public sealed class AuctionProjection : IStateProjection<AuctionState>
{
    private static readonly JsonSerializerOptions EventJson = new(JsonSerializerDefaults.Web);

    private const string Upsert = """
        INSERT INTO auctions (id, seller_id, category_id, title, description, status, current_price, bid_count, starts_at, ends_at, created_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
        ON CONFLICT (id) DO UPDATE SET status = excluded.status, current_price = excluded.current_price,
            bid_count = excluded.bid_count, starts_at = excluded.starts_at, ends_at = excluded.ends_at
        """;

    private const string AppendBid = """
        INSERT INTO auction_bids (auction_id, sequence, bidder_id, pseudonym, amount, kind, at)
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        ON CONFLICT (auction_id, sequence) DO NOTHING
        """;

    private const string AppendEvent = """
        INSERT INTO auction_events (auction_id, sequence, type, data, at)
        VALUES ($1, $2, $3, $4::jsonb, $5)
        ON CONFLICT (auction_id, sequence) DO NOTHING
        """;

    /// <summary>The maximum each bidder of this write's bids holds now: private, for operators and the chaos checks.</summary>
    private static readonly ProjectionRows UpsertBidder = new(
        """
        INSERT INTO auction_bidders (auction_id, bidder_id, max_amount)
        SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::bigint[])
        ON CONFLICT (auction_id, bidder_id) DO UPDATE SET max_amount = GREATEST(auction_bidders.max_amount, excluded.max_amount)
        """,
        typeof(Guid), typeof(Guid), typeof(long))
    {
        KeyColumns = 2,
    };

    public void Project(StateProjectionContext context, AuctionState? previous, AuctionState state, ProjectionCommands commands)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(commands);
        if (state.Status is null)
        {
            return;
        }

        var id = Guid.Parse(context.GrainKey);
        commands.Add(Upsert, id, state.SellerId, state.CategoryId, state.Title, state.Description, state.Status, state.CurrentPrice, state.BidCount, state.StartsAt, state.EndsAt, state.CreatedAt);
        foreach (var bid in state.NewBids)
        {
            commands.Add(AppendBid, id, bid.Sequence, bid.BidderId, bid.Pseudonym, bid.Amount, bid.Kind, bid.At);
        }

        foreach (var bidder in state.NewBids.Select(bid => bid.BidderId).Union(state.RaisedMaxima))
        {
            if (state.Bidders.TryGetValue(bidder, out var record))
            {
                commands.Add(UpsertBidder, id, bidder, record.Max);
            }
        }

        foreach (var e in state.NewEvents)
        {
            commands.Add(AppendEvent, id, e.Sequence, e.Type, JsonSerializer.Serialize(e.Data, EventJson), e.At);
        }

        if (state.NewEvents.Count > 0)
        {
            commands.Add("SELECT pg_notify($1, $2)", AuctionEvents.Channel, $"{id:D}:{state.Sequence}");
        }
    }
}
