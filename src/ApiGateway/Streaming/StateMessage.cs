using System.Text.Json.Serialization;
using GrainMarket.ApiGateway.Apis.Auctions;

namespace GrainMarket.ApiGateway.Streaming;

/// <summary>The first message of a live stream: the auction as <c>GET /api/auctions/{id}</c> shows it to this caller, as of event <paramref name="Sequence"/>.</summary>
public sealed record StateMessage(long Sequence, AuctionResponse Auction)
{
    [JsonPropertyOrder(-1)]
    public string Type => "state";
}
