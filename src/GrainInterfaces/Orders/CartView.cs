namespace GrainMarket.Orders;

public sealed record CartView(IReadOnlyList<CartItem> Items, long Total);
