namespace GrainMarket.ApiGateway.Apis.Orders;

/// <summary>A product's units; <paramref name="Conserved"/> says received = available + reserved + sold + writtenOff.</summary>
public sealed record InventoryLine(Guid ProductId, long Received, long Available, long Reserved, long Sold, long WrittenOff, bool Conserved);
