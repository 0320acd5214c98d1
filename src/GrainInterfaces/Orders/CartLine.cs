namespace GrainMarket.Orders;

public sealed record CartLine(Guid ProductId, int Quantity);
