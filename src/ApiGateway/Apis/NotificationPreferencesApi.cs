using System.Security.Claims;
using GrainMarket.ApiGateway.Apis.Notifications;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Http;
using GrainMarket.Common;
using GrainMarket.Notifications;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans;

namespace GrainMarket.ApiGateway.Apis;

/// <summary>
/// Where the signed-in user wants each kind of notification: in-app, e-mail, both or none (<see cref="NotificationKinds"/>).
/// The choices live in the user's inbox grain, which drops what is not to go to the inbox; the mailer reads them before
/// it writes an e-mail. Security notices (welcome, password reset and change, registration attempt) always go.
/// </summary>
public static class NotificationPreferencesApi
{
    /// <summary>The longest kind a refusal names as its field (a longer one is no kind anyway).</summary>
    private const int MaxNamedKind = 64;

    public static IEndpointRouteBuilder MapNotificationPreferencesApi(this IEndpointRouteBuilder app)
    {
        var preferences = app.MapGroup("/api/me/notification-preferences").WithTags("Notifications").RequireAuthorization();
        preferences.MapGet("/", GetAsync).WithSummary("See where each kind of notification reaches you: in-app, e-mail, both or nowhere.");
        preferences.MapPut("/", PutAsync).WithSummary("Choose where each kind of notification reaches you; kinds you leave out go back to their default.");
        return app;
    }

    public static async Task<Ok<NotificationPreferencesResponse>> GetAsync(ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(Response(await Inbox(grains, user).GetPreferencesAsync()));

    /// <summary>The body is the whole set of choices, <c>{"&lt;kind&gt;": "in-app|email|both|none"}</c>: a kind left out goes back to its default.</summary>
    public static async Task<Results<Ok<NotificationPreferencesResponse>, ProblemHttpResult>> PutAsync(Dictionary<string, string?> choices, ClaimsPrincipal user, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(choices);
        foreach (var (kind, channel) in choices)
        {
            if (Refusal(kind, channel) is { } invalid)
            {
                return DomainProblems.For(invalid);
            }
        }

        var inbox = Inbox(grains, user);
        await inbox.SetPreferencesAsync(choices.ToDictionary(c => c.Key, c => c.Value!, StringComparer.Ordinal));
        return TypedResults.Ok(Response(await inbox.GetPreferencesAsync()));
    }

    private static DomainError? Refusal(string kind, string? channel)
    {
        var field = kind.Length <= MaxNamedKind ? kind : kind[..MaxNamedKind];
        if (NotificationKinds.Find(kind) is not { } known)
        {
            return DomainError.Invalid(field, "is no kind of notification (GET /api/me/notification-preferences lists them)");
        }

        if (!known.Settable)
        {
            return DomainError.Invalid(field, "is a security notice: it always goes and cannot be chosen");
        }

        if (channel is null || !known.Channels.Contains(channel))
        {
            return DomainError.Invalid(field, $"must be one of {string.Join(", ", known.Channels)}{(known.HasEmail ? "" : " (it has no e-mail)")}");
        }

        return null;
    }

    private static NotificationPreferencesResponse Response(IReadOnlyDictionary<string, string> choices) =>
        new([.. NotificationKinds.All.Select(k => new NotificationPreference(k.Kind, NotificationKinds.ChannelOf(choices, k.Kind), k.Default, k.Channels, k.Settable))]);

    private static INotificationInboxGrain Inbox(IGrainFactory grains, ClaimsPrincipal user) => grains.GetGrain<INotificationInboxGrain>(user.UserId());
}
