using GrainMarket.Orders;
using GrainMarket.Returns;

namespace GrainMarket.ApiGateway.Apis.Returns;

public sealed record ReturnResponse(
    Guid Id,
    Guid OrderId,
    Guid BuyerId,
    Guid SellerId,
    string Status,
    long Value,
    string Currency,
    IReadOnlyList<OrderLine> Lines,
    string Reason,
    IReadOnlyList<string> PhotoUrls,
    Guid? CourierId,
    IReadOnlyList<InspectedLine> Inspection,
    string? Outcome,
    bool SellerAtFault,
    ReturnRefund? Refund,
    IReadOnlyList<OrderEvent> History,
    DateTimeOffset CreatedAt,
    string? Note)
{
    public static ReturnResponse From(ReturnView view, string currency)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new(view.Id, view.OrderId, view.BuyerId, view.SellerId, view.Status, view.Value, currency, view.Lines, view.Reason, view.PhotoUrls, view.CourierId, view.Inspection, view.Outcome, view.SellerAtFault, view.Refund, view.History, view.CreatedAt, view.Note);
    }
}
