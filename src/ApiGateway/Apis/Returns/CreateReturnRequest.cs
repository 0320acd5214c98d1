using GrainMarket.ApiGateway.Http;
using GrainMarket.Common;
using GrainMarket.Orders;
using GrainMarket.Returns;

namespace GrainMarket.ApiGateway.Apis.Returns;

/// <summary>A buyer's return of <see cref="Lines"/> of one of their orders, with a reason and up to 10 photos' URLs.</summary>
public sealed record CreateReturnRequest(Guid? OrderId, IReadOnlyList<ReturnLineRequest>? Lines, string? Reason, IReadOnlyList<string>? PhotoUrls = null)
{
    private const int MaxLines = 100;

    public DomainError? Check() =>
        Validation.First(
            OrderId is null || OrderId == Guid.Empty ? DomainError.Invalid("orderId", "is required") : null,
            Lines is null || Lines.Count == 0 || Lines.Count > MaxLines ? DomainError.Invalid("lines", $"must name 1 to {MaxLines} products of the order") : null,
            Lines?.Any(l => l is null || l.ProductId is null || l.ProductId == Guid.Empty) == true ? DomainError.Invalid("lines.productId", "is required") : null,
            Lines?.Any(l => l?.Quantity is null or < 1 or > 10_000) == true ? DomainError.Invalid("lines.quantity", "must be between 1 and 10000") : null,
            Lines is not null && Lines.Select(l => l?.ProductId).Distinct().Count() != Lines.Count ? DomainError.Invalid("lines.productId", "must name each product once") : null,
            Validation.Required(Reason, "reason", 1000),
            Validation.Images(PhotoUrls, 10, "photoUrls"));

    public NewReturn ToCommand(Guid buyerId) =>
        new(buyerId, OrderId!.Value, [.. Lines!.Select(l => new CartLine(l.ProductId!.Value, l.Quantity!.Value))], Reason!.Trim(), PhotoUrls ?? []);
}
