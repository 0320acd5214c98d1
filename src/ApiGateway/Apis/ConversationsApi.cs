using System.Security.Claims;
using GrainMarket.Accounts;
using GrainMarket.Catalog;
using GrainMarket.Orders;
using GrainMarket.ApiGateway.Apis.Chat;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.OpenApi;
using GrainMarket.ApiGateway.ReadModels;
using GrainMarket.Common;
using GrainMarket.Messaging;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans;

namespace GrainMarket.ApiGateway.Apis;

/// <summary>
/// Conversations between two users (optionally about a product or an order): each is a grain whose id follows from the
/// pair and the subject, so starting one twice returns the same; messages are sent through it and read from the
/// <c>chat_messages</c> read model. Only the two participants see a conversation; for anyone else it is not found.
/// </summary>
public static class ConversationsApi
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 100;

    public static IEndpointRouteBuilder MapConversationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/conversations").WithTags("Chat").RequireAuthorization();
        api.MapGet("/", ListAsync).WithSummary("List your conversations, the latest message first, with unread counts.");
        api.MapPost("/", StartAsync).WithSummary("Start a conversation with a user, or get the one you already have about the same thing.")
            .ProducesProblems(ErrorCodes.UserNotFound, ErrorCodes.ChatBlocked, ErrorCodes.CannotChatWithSelf, ErrorCodes.ProductNotFound, ErrorCodes.OrderNotFound);
        api.MapGet("/{id:guid}/messages", MessagesAsync).WithSummary("Read a conversation's messages, newest first.").ProducesProblems(ErrorCodes.ConversationNotFound);
        api.MapPost("/{id:guid}/messages", SendAsync).WithSummary("Send a message in a conversation.").ProducesProblems(ErrorCodes.ConversationNotFound, ErrorCodes.ChatBlocked);
        api.MapPost("/{id:guid}/read", MarkReadAsync).WithSummary("Mark a conversation's messages read up to a sequence.").ProducesProblems(ErrorCodes.ConversationNotFound);

        var admin = app.MapGroup("/api/admin/conversations").WithTags("Admin: conversations").RequireAuthorization(Policies.Admin);
        admin.MapGet("/{id:guid}/messages", AdminMessagesAsync).WithSummary("Read a conversation attached to a complaint.")
            .ProducesProblems(ErrorCodes.ConversationNotFound, ErrorCodes.ConversationNotInComplaint);
        return app;
    }

    public static async Task<Results<Ok<ConversationPage>, ProblemHttpResult>> ListAsync(
        string? limit, string? cursor, ClaimsPrincipal user, ReadModelDatabase readModels, CancellationToken cancellationToken)
    {
        if (Validation.PageSize(limit, "limit", DefaultPageSize, MaxPageSize, out var size) is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        if (!PageCursor.TryParse(cursor, out var afterTime, out var afterId))
        {
            return DomainProblems.Invalid("cursor", "is not a cursor this API returned");
        }

        return TypedResults.Ok(await ChatQueries.ConversationsAsync(readModels.DataSource, user.UserId(), afterTime, afterId, size, cancellationToken));
    }

    public static async Task<Results<Ok<ConversationView>, ProblemHttpResult>> StartAsync(
        StartConversationRequest request, ClaimsPrincipal user, IGrainFactory grains, ReadModelDatabase readModels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Validation.Optional(request.Username, "username", 100) is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        if ((request.UserId is null) == string.IsNullOrWhiteSpace(request.Username))
        {
            return DomainProblems.Invalid("userId", "give either userId or username, not both");
        }

        var peerId = request.UserId ?? await ChatQueries.UserNamedAsync(readModels.DataSource, request.Username!.Trim(), cancellationToken);
        if (peerId == user.UserId())
        {
            return DomainProblems.For(new DomainError(ErrorCodes.CannotChatWithSelf, "You cannot start a conversation with yourself.", request.UserId is null ? "username" : "userId"));
        }

        if (peerId is not { } peer || !await IsActiveUserAsync(grains, peer))
        {
            return DomainProblems.For(UserNotFound(request.UserId is null ? "username" : "userId"));
        }

        if (await SubjectRefusalAsync(grains, user.UserId(), peer, request.ProductId, request.OrderId) is { } refused)
        {
            return DomainProblems.For(refused);
        }

        var id = ConversationIds.For(user.UserId(), peer, request.ProductId, request.OrderId);
        var result = await grains.GetGrain<IConversationGrain>(id).StartAsync(new ConversationStart(user.UserId(), peer, request.ProductId, request.OrderId));
        return result.Value is { } view ? TypedResults.Ok(view) : DomainProblems.For(result.Error!);
    }

    public static async Task<Results<Ok<MessagePage>, ProblemHttpResult>> MessagesAsync(
        Guid id, string? limit, string? cursor, ClaimsPrincipal user, IGrainFactory grains, ReadModelDatabase readModels, CancellationToken cancellationToken)
    {
        if (MessagePageRefusal(limit, cursor, out var size, out var before) is { } refusal)
        {
            return refusal;
        }

        return await grains.GetGrain<IConversationGrain>(id).GetAsync(user.UserId()) is null
            ? DomainProblems.For(NotFound())
            : TypedResults.Ok(await ChatQueries.MessagesAsync(readModels.DataSource, id, before, size, cancellationToken));
    }

    public static async Task<Results<Ok<MessageView>, ProblemHttpResult>> SendAsync(Guid id, SendMessageRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await SendMessageAsync(grains, id, user.UserId(), request.ClientId, request.Text);
        return result.Value is { } message ? TypedResults.Ok(message) : DomainProblems.For(result.Error!);
    }

    public static async Task<Results<Ok<ReadResponse>, ProblemHttpResult>> MarkReadAsync(Guid id, ReadRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await MoveReadMarkAsync(grains, id, user.UserId(), request.Sequence);
        return result.Error is null ? TypedResults.Ok(new ReadResponse(id, result.Value)) : DomainProblems.For(result.Error);
    }

    /// <summary>
    /// The messages of a conversation a complaint holds (the complainant attached it: <c>POST /api/complaints</c> with a
    /// <c>conversationId</c>, or <c>POST /api/complaints/{id}/conversation</c>); any other conversation answers 403.
    /// </summary>
    public static async Task<Results<Ok<MessagePage>, ProblemHttpResult>> AdminMessagesAsync(
        Guid id, string? limit, string? cursor, IGrainFactory grains, ReadModelDatabase readModels, CancellationToken cancellationToken)
    {
        if (MessagePageRefusal(limit, cursor, out var size, out var before) is { } refusal)
        {
            return refusal;
        }

        return await grains.GetGrain<IConversationGrain>(id).GetComplaintAsync() is null
            ? DomainProblems.For(new DomainError(ErrorCodes.ConversationNotInComplaint, "Admins read a conversation only when it is attached to a complaint, and this one is not."))
            : TypedResults.Ok(await ChatQueries.MessagesAsync(readModels.DataSource, id, before, size, cancellationToken));
    }

    /// <summary>Sends a message after checking its fields; what REST and <c>/ws/chat</c> both do.</summary>
    internal static async Task<Result<MessageView>> SendMessageAsync(IGrainFactory grains, Guid conversationId, Guid senderId, string? clientId, string? text)
    {
        var invalid = Validation.First(
            Validation.Required(clientId, "clientId", IConversationGrain.MaxClientIdLength),
            Validation.Required(text, "text", IConversationGrain.MaxTextLength));
        return invalid ?? await grains.GetGrain<IConversationGrain>(conversationId).SendAsync(senderId, new ChatMessage(clientId!, text!));
    }

    /// <summary>Moves the reader's read mark after checking the sequence; what REST and <c>/ws/chat</c> both do.</summary>
    internal static async Task<Result<long>> MoveReadMarkAsync(IGrainFactory grains, Guid conversationId, Guid userId, long? sequence) =>
        sequence is not { } value
            ? DomainError.Invalid("sequence", "is required: the sequence of the last message you have read")
            : await grains.GetGrain<IConversationGrain>(conversationId).MarkReadAsync(userId, value);

    /// <summary>Why <paramref name="limit"/> and <paramref name="cursor"/> do not make a page of messages (null when they do).</summary>
    private static ProblemHttpResult? MessagePageRefusal(string? limit, string? cursor, out int size, out long? before)
    {
        before = null;
        if (Validation.PageSize(limit, "limit", DefaultPageSize, MaxPageSize, out size) is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        return PositionCursor.TryParse(cursor, out before) ? null : DomainProblems.Invalid("cursor", "is not a cursor this API returned");
    }

    /// <summary>
    /// Why the two may not talk about the subject (null when they may): a product must be one of theirs (one of them sells
    /// it), an order one they are both parties of. Anything else is not found, so a stranger's ids reveal nothing.
    /// </summary>
    private static async Task<DomainError?> SubjectRefusalAsync(IGrainFactory grains, Guid userId, Guid peerId, Guid? productId, Guid? orderId)
    {
        if (productId is { } product && !(await grains.GetGrain<IProductGrain>(product).GetAsync() is { } info && (info.SellerId == userId || info.SellerId == peerId)))
        {
            return new DomainError(ErrorCodes.ProductNotFound, "No product of yours or of the user you write to has that id.", "productId");
        }

        if (orderId is { } order && !(await grains.GetGrain<IOrderGrain>(order).GetAsync() is { } view && view.IsParty(userId) && view.IsParty(peerId)))
        {
            return new DomainError(ErrorCodes.OrderNotFound, "No order of both of you has that id.", "orderId");
        }

        return null;
    }

    internal static DomainError NotFound() => new(ErrorCodes.ConversationNotFound, "The conversation was not found.");

    internal static DomainError UserNotFound(string field) => new(ErrorCodes.UserNotFound, "No active user by that id or name.", field);

    /// <summary>An account that exists and is not blocked by the admins.</summary>
    internal static async Task<bool> IsActiveUserAsync(IGrainFactory grains, Guid userId) =>
        await grains.GetGrain<IUserGrain>(userId).GetAsync() is { Blocked: false };
}
