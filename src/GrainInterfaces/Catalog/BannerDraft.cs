namespace GrainMarket.Catalog;

/// <summary>A new banner; a null <see cref="Position"/> puts it last, a null <see cref="Active"/> means active.</summary>
public sealed record BannerDraft(string Title, string ImageUrl, string? LinkUrl, int? Position, bool? Active);
