using System.Security.Claims;
using GrainMarket.ApiGateway.Apis.Notifications;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.OpenApi;
using GrainMarket.Common;
using GrainMarket.Notifications;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans;

namespace GrainMarket.ApiGateway.Apis;

/// <summary>
/// The signed-in user's in-app notifications (outbid, auction won…), newest first, from their inbox grain: nobody
/// reaches another user's inbox, so someone else's notification is simply not found.
/// </summary>
public static class NotificationsApi
{
    private const int DefaultPageSize = 20;
    private const int MaxPageSize = 100;

    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var notifications = app.MapGroup("/api/notifications").WithTags("Notifications").RequireAuthorization();
        notifications.MapGet("/", ListAsync).WithSummary("List your notifications, newest first.");
        notifications.MapPost("/{id}/read", MarkReadAsync).WithSummary("Mark a notification as read.").ProducesProblems(ErrorCodes.NotificationNotFound);
        notifications.MapPost("/read-all", MarkAllReadAsync).WithSummary("Mark all your notifications as read.");
        return app;
    }

    /// <summary><paramref name="limit"/> is text so that a malformed one is a 400 naming it; <paramref name="cursor"/> is the <c>next</c> of the previous page.</summary>
    public static async Task<Results<Ok<NotificationPage>, ProblemHttpResult>> ListAsync(string? limit, string? cursor, ClaimsPrincipal user, IGrainFactory grains)
    {
        var invalid = Validation.First(
            Validation.PageSize(limit, "limit", DefaultPageSize, MaxPageSize, out var size),
            Validation.Optional(cursor, "cursor", INotificationInboxGrain.MaxIdLength));
        return invalid is null
            ? TypedResults.Ok(await Inbox(grains, user).ListAsync(size, cursor))
            : DomainProblems.For(invalid);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> MarkReadAsync(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (Validation.Optional(id, "id", INotificationInboxGrain.MaxIdLength) is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        return await Inbox(grains, user).MarkReadAsync(id)
            ? TypedResults.NoContent()
            : DomainProblems.For(new DomainError(ErrorCodes.NotificationNotFound, "The notification was not found."));
    }

    public static async Task<Ok<ReadAllResponse>> MarkAllReadAsync(ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(new ReadAllResponse(await Inbox(grains, user).MarkAllReadAsync()));

    private static INotificationInboxGrain Inbox(IGrainFactory grains, ClaimsPrincipal user) => grains.GetGrain<INotificationInboxGrain>(user.UserId());
}
