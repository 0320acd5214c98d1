using System.Text.Json.Serialization;
using GrainMarket.ApiGateway.Apis.Auctions;
using GrainMarket.ApiGateway.Apis.Orders;

namespace GrainMarket.ApiGateway.Streaming;

/// <summary>
/// The first message of a live stream: the auction as <c>GET /api/auctions/{id}</c> shows it to this caller, or the order
/// as <c>GET /api/orders/{id}</c> does, as of event <paramref name="Sequence"/>.
/// </summary>
public sealed record StateMessage(
    long Sequence,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] AuctionResponse? Auction,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] OrderResponse? Order = null)
{
    [JsonPropertyOrder(-1)]
    public string Type => "state";
}
