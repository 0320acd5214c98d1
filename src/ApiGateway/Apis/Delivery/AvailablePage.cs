namespace GrainMarket.ApiGateway.Apis.Delivery;

/// <summary>A page of orders ready for pickup, nearest first; <see cref="Next"/> asks for the next page (null: the last).</summary>
public sealed record AvailablePage(IReadOnlyList<AvailableOrder> Items, string? Next);
