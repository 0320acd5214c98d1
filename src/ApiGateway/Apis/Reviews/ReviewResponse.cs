using GrainMarket.Reviews;

namespace GrainMarket.ApiGateway.Apis.Reviews;

/// <summary>A review as the API shows it; <see cref="HiddenReason"/> is null unless an admin hid it.</summary>
public sealed record ReviewResponse(
    Guid Id,
    Guid OrderId,
    Guid ProductId,
    Guid SellerId,
    Guid AuthorId,
    int Rating,
    string Text,
    int Helpful,
    bool Hidden,
    string? HiddenReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EditedAt)
{
    public static ReviewResponse From(ReviewView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new(view.Id, view.OrderId, view.ProductId, view.SellerId, view.AuthorId, view.Rating, view.Text, view.Helpful, view.Hidden, view.HiddenReason, view.CreatedAt, view.EditedAt);
    }
}
