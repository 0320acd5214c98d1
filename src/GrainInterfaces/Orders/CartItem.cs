namespace GrainMarket.Orders;

/// <summary>A cart line at current prices; <paramref name="Available"/> is what the product's stock can still sell.</summary>
public sealed record CartItem(Guid ProductId, string Title, long UnitPrice, int Quantity, long LineTotal, long Available);
