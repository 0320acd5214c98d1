namespace GrainMarket.Brands;

/// <summary>A brand; <see cref="Status"/> is null until it is proposed.</summary>
[GenerateSerializer, Alias("gm.brands.BrandState")]
public sealed class BrandState
{
    [Id(0)]
    public string? Status { get; set; }

    [Id(1)]
    public Guid SellerId { get; set; }

    [Id(2)]
    public string Name { get; set; } = "";

    [Id(3)]
    public string? Description { get; set; }

    [Id(4)]
    public string? LogoUrl { get; set; }

    [Id(5)]
    public string? RejectionReason { get; set; }

    [Id(6)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(7)]
    public DateTimeOffset? DecidedAt { get; set; }
}
