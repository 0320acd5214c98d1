namespace GrainMarket.Orders;

/// <summary>A buyer's cart: product ids and quantities only (at most <see cref="CartGrain.MaxLines"/> lines).</summary>
[GenerateSerializer, Alias("gm.orders.CartState")]
public sealed class CartState
{
    [Id(0)]
    public List<CartLine> Lines { get; set; } = [];
}
