namespace GrainMarket.Orders;

public sealed class CartState
{
    public List<CartLine> Lines { get; set; } = [];
}
