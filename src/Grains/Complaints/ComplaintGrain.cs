using GrainMarket.Common;
using GrainMarket.Messaging;
using GrainMarket.Notifications;
using GrainMarket.Orders;
using GrainMarket.Persistence.PostgreSql;
using GrainMarket.Sellers;
using Microsoft.Extensions.Logging;

namespace GrainMarket.Complaints;

/// <summary>
/// One complaint (<see cref="IComplaintGrain"/>): validates, changes its state, then writes it once; the write carries
/// its <c>complaints</c> row (<see cref="ComplaintProjection"/>). The parties hear of each step after the write; a
/// repeated step sends its notifications again, which the inboxes take once (deterministic ids).
/// </summary>
/// <remarks>
/// Not reentrant: it calls the conversation it attaches and the parties' inboxes, none of which calls complaints. The
/// conversation is a grain of plain persistent state, so attaching it cannot share a transaction with the complaint:
/// the complaint records the conversation first and the conversation its complaint second, and a repeated open or
/// attach finishes the second step when the first call did not. A resolution's penalty is the same: the seller's points
/// (a transactional grain) lose them in a transaction of their own after the complaint's write, once per complaint
/// (the points entry id), and a repeated resolve applies it when the first did not.
/// </remarks>
[GrainType("complaint")]
public sealed class ComplaintGrain(
    [PersistentState("complaint", PostgresGrainStorage.ProviderName)] IPersistentState<ComplaintState> complaint,
    ITransactionClient transactions,
    TimeProvider time,
    ILogger<ComplaintGrain> logger) : Grain, IComplaintGrain
{
    private ComplaintState State => complaint.State;

    private Guid Id => this.GetPrimaryKey();

    async Task<Result<ComplaintView>> IComplaintGrain.OpenAsync(NewComplaint request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ComplainantId == request.OtherPartyId)
        {
            throw new ArgumentException($"Complaint {Id}: user {request.ComplainantId} cannot complain about themselves.", nameof(request));
        }

        if (State.Status is not null)
        {
            if (State.ComplainantId != request.ComplainantId)
            {
                return NotFound();
            }

            return await FinishAttachAsync() ?? await NotifiedAsync(ComplaintStatuses.Open);
        }

        if (request.ConversationId is { } conversationId && await ConversationRefusalAsync(conversationId, request.ComplainantId, request.OtherPartyId) is { } refused)
        {
            return refused;
        }

        var now = time.GetUtcNow();
        State.Status = ComplaintStatuses.Open;
        State.ComplainantId = request.ComplainantId;
        State.Subject = request.Subject;
        State.SubjectId = request.SubjectId;
        State.OtherPartyId = request.OtherPartyId;
        State.Reason = request.Reason;
        State.ConversationId = request.ConversationId;
        State.AgainstSeller = request.AgainstSeller;
        State.History = [new OrderEvent(ComplaintStatuses.Open, request.ComplainantId, now)];
        State.CreatedAt = now;
        State.UpdatedAt = now;
        await WriteAsync();
        logger.LogInformation("Complaint {ComplaintId} opened by {ComplainantId} about {Subject} {SubjectId}", Id, request.ComplainantId, request.Subject, request.SubjectId);
        return await FinishAttachAsync() ?? await NotifiedAsync(ComplaintStatuses.Open);
    }

    Task<ComplaintView?> IComplaintGrain.GetAsync() => Task.FromResult(View());

    async Task<Result<ComplaintView>> IComplaintGrain.RespondAsync(Guid userId, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (PartyRefusal(userId, State.OtherPartyId, "Only the other party of a complaint responds to it.") is { } refused)
        {
            return refused;
        }

        if (!ComplaintStatuses.IsOpen(State.Status!))
        {
            return Closed("take a response");
        }

        if (State.Response != text)
        {
            State.Response = text;
            State.RespondedAt = time.GetUtcNow();
            State.UpdatedAt = State.RespondedAt.Value;
            await WriteAsync();
            logger.LogInformation("Complaint {ComplaintId} answered by {UserId}", Id, userId);
        }

        await NotifyAsync([State.ComplainantId], "response", "Response to your complaint", $"The other party responded to your complaint: {text}");
        return View()!;
    }

    async Task<Result<ComplaintView>> IComplaintGrain.AttachConversationAsync(Guid userId, Guid conversationId)
    {
        if (PartyRefusal(userId, State.ComplainantId, "Only the complainant attaches a conversation to a complaint.") is { } refused)
        {
            return refused;
        }

        if (State.ConversationId is { } attached && attached != conversationId)
        {
            return new DomainError(ErrorCodes.ComplaintConversationAttached, $"The complaint already holds conversation {attached}; a complaint holds one.", "conversationId");
        }

        if (!ComplaintStatuses.IsOpen(State.Status!))
        {
            return Closed("take a conversation");
        }

        if (State.ConversationId is null)
        {
            if (await ConversationRefusalAsync(conversationId, State.ComplainantId, State.OtherPartyId) is { } notTheirs)
            {
                return notTheirs;
            }

            State.ConversationId = conversationId;
            State.UpdatedAt = time.GetUtcNow();
            await WriteAsync();
        }

        return await FinishAttachAsync() is { } unattached ? unattached : View()!;
    }

    Task<Result<ComplaintView>> IComplaintGrain.ReviewAsync(Guid adminId) =>
        StepAsync(adminId, ComplaintStatuses.InReview, ComplaintStatuses.Open, null, 0);

    async Task<Result<ComplaintView>> IComplaintGrain.ResolveAsync(Guid adminId, string note, long penaltyPoints)
    {
        if (penaltyPoints > 0 && State.Status is not null && !State.AgainstSeller)
        {
            return DomainError.Invalid("penaltyPoints", "only a complaint against a seller can cost points");
        }

        var resolved = await StepAsync(adminId, ComplaintStatuses.Resolved, ComplaintStatuses.InReview, note, penaltyPoints);
        if (resolved.Value is { PenaltyPoints: > 0 } view)
        {
            await transactions.RunAsync(() => GrainFactory.GetGrain<ISellerPointsGrain>(view.OtherPartyId).PenalizeAsync(
                $"complaint:{Id:N}", view.PenaltyPoints, $"Complaint {Id} about {view.Subject} {view.SubjectId} upheld: {view.Note}"));
        }

        return resolved;
    }

    Task<Result<ComplaintView>> IComplaintGrain.RejectAsync(Guid adminId, string note) =>
        StepAsync(adminId, ComplaintStatuses.Rejected, ComplaintStatuses.InReview, note, 0);

    /// <summary>An admin's step from <paramref name="from"/> to <paramref name="to"/>; a repeat returns the complaint as it is.</summary>
    private async Task<Result<ComplaintView>> StepAsync(Guid adminId, string to, string from, string? note, long penaltyPoints)
    {
        if (State.Status is null)
        {
            return NotFound();
        }

        if (State.Status != to)
        {
            if (State.Status != from)
            {
                return new DomainError(ErrorCodes.InvalidComplaintTransition, $"A complaint that is {State.Status} cannot become {to}.");
            }

            var now = time.GetUtcNow();
            State.Status = to;
            State.Note = note ?? State.Note;
            State.PenaltyPoints = penaltyPoints;
            State.History.Add(new OrderEvent(to, adminId, now));
            State.UpdatedAt = now;
            await WriteAsync();
            logger.LogInformation("Complaint {ComplaintId} is {Status}", Id, to);
        }

        return await NotifiedAsync(to);
    }

    /// <summary>Tells both parties of <paramref name="status"/> (once: the inboxes ignore a notification id they hold) and returns the complaint.</summary>
    private async Task<Result<ComplaintView>> NotifiedAsync(string status)
    {
        var (title, body) = status switch
        {
            ComplaintStatuses.Open => ("Complaint opened", $"A complaint about {State.Subject} {State.SubjectId} was opened: {State.Reason}"),
            ComplaintStatuses.InReview => ("Complaint in review", "An admin is reviewing the complaint."),
            ComplaintStatuses.Resolved => ("Complaint resolved", $"The complaint was resolved: {State.Note}"),
            _ => ("Complaint rejected", $"The complaint was rejected: {State.Note}"),
        };
        await NotifyAsync([State.ComplainantId, State.OtherPartyId], status, title, body);
        return View()!;
    }

    private Task NotifyAsync(IEnumerable<Guid> userIds, string step, string title, string body)
    {
        var notification = new Notification(ComplaintIds.Notification(Id, step), NotificationTypes.ComplaintUpdated, title, body, $"/api/complaints/{Id}", time.GetUtcNow());
        return Task.WhenAll(userIds.Select(id => GrainFactory.GetGrain<INotificationInboxGrain>(id).AddAsync(notification)));
    }

    /// <summary>The conversation's side of the attachment (idempotent); null when it holds, or when there is no conversation.</summary>
    private async Task<DomainError?> FinishAttachAsync() =>
        State.ConversationId is { } conversationId
            ? (await GrainFactory.GetGrain<IConversationGrain>(conversationId).AttachComplaintAsync(Id, State.ComplainantId, State.OtherPartyId)).Error
            : null;

    /// <summary>Why the conversation cannot be attached: it is not one of the complainant with the other party (null when it is).</summary>
    private async Task<DomainError?> ConversationRefusalAsync(Guid conversationId, Guid complainantId, Guid otherPartyId) =>
        await GrainFactory.GetGrain<IConversationGrain>(conversationId).GetAsync(complainantId) is { } conversation && conversation.PeerId == otherPartyId
            ? null
            : new DomainError(ErrorCodes.ConversationNotFound, "No conversation of yours with the other party of the complaint has that id.", "conversationId");

    /// <summary>Not found for anyone who is not a party (they must not learn that it exists), forbidden for the party that may not act.</summary>
    private DomainError? PartyRefusal(Guid userId, Guid actorId, string forbidden)
    {
        if (State.Status is null || (userId != State.ComplainantId && userId != State.OtherPartyId))
        {
            return NotFound();
        }

        return userId == actorId ? null : new DomainError(ErrorCodes.Forbidden, forbidden);
    }

    private DomainError Closed(string what) => new(ErrorCodes.InvalidComplaintTransition, $"A complaint that is {State.Status} does not {what}.");

    private ComplaintView? View() => State.Status is null
        ? null
        : new ComplaintView(Id, State.ComplainantId, State.Subject, State.SubjectId, State.OtherPartyId, State.Status, State.Reason, State.Response, State.RespondedAt, State.ConversationId, State.Note, [.. State.History], State.CreatedAt, State.AgainstSeller, State.PenaltyPoints);

    private static DomainError NotFound() => new(ErrorCodes.ComplaintNotFound, "The complaint was not found.");

    private async Task WriteAsync()
    {
        try
        {
            await complaint.WriteStateAsync();
        }
        catch
        {
            // The state in memory was changed before the write, which may or may not have been stored: reload it from
            // storage on the next activation rather than answer from a state nobody stored.
            DeactivateOnIdle();
            throw;
        }
    }
}
