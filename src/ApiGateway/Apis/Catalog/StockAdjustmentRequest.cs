namespace GrainMarket.ApiGateway.Apis.Catalog;

/// <summary>Units to restock (positive) or write off (negative).</summary>
public sealed record StockAdjustmentRequest(long? Delta);
