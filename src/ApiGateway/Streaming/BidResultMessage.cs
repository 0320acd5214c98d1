using System.Text.Json.Serialization;
using GrainMarket.ApiGateway.Apis.Auctions;

namespace GrainMarket.ApiGateway.Streaming;

/// <summary>The answer to a bid placed over the live stream: what <c>POST /api/auctions/{id}/bids</c> answers with 201.</summary>
public sealed record BidResultMessage(string RequestId, BidResponse Bid)
{
    [JsonPropertyOrder(-1)]
    public string Type => "bid_result";
}
