namespace GrainMarket.ApiGateway.Apis.Pricing;

/// <summary>A sale event to create, or the members of one to change: its cut applies to the listed products and to the products filed directly under the listed categories.</summary>
public sealed record SaleEventRequest(
    string? Name,
    int? PercentOff,
    long? AmountOff,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    IReadOnlyList<Guid>? CategoryIds = null,
    IReadOnlyList<Guid>? ProductIds = null);
