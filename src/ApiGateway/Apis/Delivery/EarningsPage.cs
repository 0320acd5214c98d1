namespace GrainMarket.ApiGateway.Apis.Delivery;

/// <summary>A page of the courier's delivery payments, newest first; <see cref="Next"/> asks for older ones (null: none).</summary>
public sealed record EarningsPage(IReadOnlyList<Earning> Items, string? Next);
