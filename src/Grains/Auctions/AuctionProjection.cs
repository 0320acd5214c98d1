using System.Text.Json;
using GrainMarket.Runtime.Projections;

namespace GrainMarket.Auctions;

/// <summary>
/// Keeps the auction read models in step with each write of an auction, in its commit: the row that lists and finds it,
/// the new rows of its bid history, and the new events of its live stream. The commit also notifies the channel
/// <c>auction_events</c> with <c>&lt;auction id&gt;:&lt;sequence&gt;</c>, which PostgreSQL delivers only if it commits, so
/// every gateway learns of exactly the committed events.
/// </summary>
public sealed class AuctionProjection() : StateProjection<AuctionState>("auction", "auction")
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

    public override void Project(string grainKey, AuctionState state, ProjectionCommands commands)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(commands);
        if (state.Status is null)
        {
            return;
        }

        var id = Guid.Parse(grainKey);
        commands.Add(Upsert, id, state.SellerId, state.CategoryId, state.Title, state.Description, state.Status, state.CurrentPrice, state.BidCount, state.StartsAt, state.EndsAt, state.CreatedAt);
        foreach (var bid in state.NewBids)
        {
            commands.Add(AppendBid, id, bid.Sequence, bid.BidderId, bid.Pseudonym, bid.Amount, bid.Kind, bid.At);
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
