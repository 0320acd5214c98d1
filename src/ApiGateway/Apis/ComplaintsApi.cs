using System.Security.Claims;
using GrainMarket.ApiGateway.Apis.Complaints;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.OpenApi;
using GrainMarket.ApiGateway.ReadModels;
using GrainMarket.Common;
using GrainMarket.Complaints;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans;

namespace GrainMarket.ApiGateway.Apis;

/// <summary>
/// Complaints: a user complains about an order, a seller, a buyer or a product listing (Idempotency-Key as returns: a
/// retry returns the same complaint), optionally with a conversation with the other party that admins may then read;
/// the other party sees it and may respond; admins take it into review and resolve or reject it with a note. Both
/// parties and admins see a complaint; for anyone else it is not found.
/// </summary>
public static class ComplaintsApi
{
    public static IEndpointRouteBuilder MapComplaintsApi(this IEndpointRouteBuilder app)
    {
        var complaints = app.MapGroup("/api/complaints").WithTags("Complaints").RequireAuthorization();
        complaints.MapPost("/", OpenAsync).WithMetadata(new IdempotentAttribute()).WithSummary("Complain about an order, a seller, a buyer, a product listing or an ad engagement.")
            .ProducesProblems(ErrorCodes.OrderNotFound, ErrorCodes.ProductNotFound, ErrorCodes.UserNotFound, ErrorCodes.CannotComplainAboutSelf, ErrorCodes.ConversationNotFound, ErrorCodes.AdEngagementNotFound);
        complaints.MapGet("/", ListAsync).WithSummary("List the complaints you made or that are about you, optionally by status.");
        complaints.MapGet("/{id:guid}", GetAsync).WithSummary("Get a complaint you made or that is about you.").ProducesProblems(ErrorCodes.ComplaintNotFound);
        complaints.MapPost("/{id:guid}/response", RespondAsync).WithSummary("Respond to a complaint about you.")
            .ProducesProblems(ErrorCodes.ComplaintNotFound, ErrorCodes.InvalidComplaintTransition);
        complaints.MapPost("/{id:guid}/conversation", AttachConversationAsync).WithSummary("Attach your conversation with the other party to your complaint, for the admins to read.")
            .ProducesProblems(ErrorCodes.ComplaintNotFound, ErrorCodes.ConversationNotFound, ErrorCodes.ComplaintConversationAttached, ErrorCodes.InvalidComplaintTransition);

        var admin = app.MapGroup("/api/admin/complaints").WithTags("Admin: complaints").RequireAuthorization(Policies.Admin);
        admin.MapGet("/", QueueAsync).WithSummary("List every complaint, newest first, optionally by status, to triage them.");
        admin.MapPost("/{id:guid}/review", (Guid id, ClaimsPrincipal user, IGrainFactory grains) => StepAsync(grains, id, c => c.ReviewAsync(user.UserId())))
            .WithSummary("Take an open complaint into review.").ProducesProblems(ErrorCodes.ComplaintNotFound, ErrorCodes.InvalidComplaintTransition);
        admin.MapPost("/{id:guid}/resolve", ResolveAsync).WithSummary("Resolve a complaint in review, with a note both parties read and, against a seller, a penalty on their points.")
            .ProducesProblems(ErrorCodes.ComplaintNotFound, ErrorCodes.InvalidComplaintTransition);
        admin.MapPost("/{id:guid}/reject", RejectAsync).WithSummary("Reject a complaint in review, with a note saying why.")
            .ProducesProblems(ErrorCodes.ComplaintNotFound, ErrorCodes.InvalidComplaintTransition);
        return app;
    }

    public static async Task<Results<Created<ComplaintView>, ProblemHttpResult>> OpenAsync(
        CreateComplaintRequest request, HttpContext http, IGrainFactory grains, ReadModelDatabase readModels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(http);
        if (request.Check() is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        var userId = http.User.UserId();
        var other = await ComplaintParties.OtherPartyAsync(grains, readModels.DataSource, userId, request, cancellationToken);
        if (other.Error is { } refused)
        {
            return DomainProblems.For(refused);
        }

        var id = ComplaintIds.FromIdempotencyKey(userId, http.Request.Headers[IdempotencyMiddleware.Header].ToString());
        var result = await grains.GetGrain<IComplaintGrain>(id).OpenAsync(
            new NewComplaint(userId, request.Subject!, request.SubjectId!.Value, other.Value.Id, request.Reason!.Trim(), request.ConversationId, other.Value.Sells));
        return result.Value is { } opened ? TypedResults.Created($"/api/complaints/{opened.Id}", opened) : DomainProblems.For(result.Error!);
    }

    public static Task<Results<Ok<ComplaintPage>, ProblemHttpResult>> ListAsync(
        string? status, int? limit, string? cursor, ClaimsPrincipal user, ReadModelDatabase readModels, CancellationToken cancellationToken) =>
        PageAsync(user.UserId(), status, limit, cursor, readModels, cancellationToken);

    public static Task<Results<Ok<ComplaintPage>, ProblemHttpResult>> QueueAsync(
        string? status, int? limit, string? cursor, ReadModelDatabase readModels, CancellationToken cancellationToken) =>
        PageAsync(null, status, limit, cursor, readModels, cancellationToken);

    public static async Task<Results<Ok<ComplaintView>, ProblemHttpResult>> GetAsync(Guid id, ClaimsPrincipal user, IGrainFactory grains)
    {
        var found = await grains.GetGrain<IComplaintGrain>(id).GetAsync();
        return found is not null && (user.IsAdmin() || found.IsParty(user.UserId()))
            ? TypedResults.Ok(found)
            : DomainProblems.For(new DomainError(ErrorCodes.ComplaintNotFound, "The complaint was not found."));
    }

    public static Task<Results<Ok<ComplaintView>, ProblemHttpResult>> RespondAsync(Guid id, ComplaintTextRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
        TextStepAsync(grains, id, request?.Text, "text", (c, text) => c.RespondAsync(user.UserId(), text));

    public static async Task<Results<Ok<ComplaintView>, ProblemHttpResult>> AttachConversationAsync(Guid id, AttachConversationRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.ConversationId is not { } conversationId || conversationId == Guid.Empty
            ? DomainProblems.Invalid("conversationId", "is required")
            : await StepAsync(grains, id, c => c.AttachConversationAsync(user.UserId(), conversationId));
    }

    public static async Task<Results<Ok<ComplaintView>, ProblemHttpResult>> ResolveAsync(Guid id, ResolveComplaintRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Validation.Range(request.PenaltyPoints, "penaltyPoints", 0, ResolveComplaintRequest.MaxPenaltyPoints) is { } invalid
            ? DomainProblems.For(invalid)
            : await TextStepAsync(grains, id, request.Note, "note", (c, note) => c.ResolveAsync(user.UserId(), note, request.PenaltyPoints ?? 0));
    }

    public static Task<Results<Ok<ComplaintView>, ProblemHttpResult>> RejectAsync(Guid id, ComplaintNoteRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
        TextStepAsync(grains, id, request?.Note, "note", (c, note) => c.RejectAsync(user.UserId(), note));

    private static async Task<Results<Ok<ComplaintPage>, ProblemHttpResult>> PageAsync(
        Guid? partyId, string? status, int? limit, string? cursor, ReadModelDatabase readModels, CancellationToken cancellationToken)
    {
        var invalid = Validation.First(
            Validation.Range(limit, "limit", 1, 100),
            status is null || ComplaintStatuses.All.Contains(status) ? null : DomainError.Invalid("status", $"must be one of {string.Join(", ", ComplaintStatuses.All)}"));
        if (invalid is not null)
        {
            return DomainProblems.For(invalid);
        }

        return PageCursor.TryParse(cursor, out var afterTime, out var afterId)
            ? TypedResults.Ok(await ComplaintQueries.ListAsync(readModels.DataSource, partyId, status, limit ?? 20, afterTime, afterId, cancellationToken))
            : DomainProblems.Invalid("cursor", "is not a cursor this API returned");
    }

    /// <summary>A step that takes a required text (a response, a note): checked, trimmed, then given to the complaint.</summary>
    private static async Task<Results<Ok<ComplaintView>, ProblemHttpResult>> TextStepAsync(
        IGrainFactory grains, Guid id, string? text, string field, Func<IComplaintGrain, string, Task<Result<ComplaintView>>> step) =>
        Validation.Required(text, field, IComplaintGrain.MaxTextLength) is { } invalid
            ? DomainProblems.For(invalid)
            : await StepAsync(grains, id, c => step(c, text!.Trim()));

    private static async Task<Results<Ok<ComplaintView>, ProblemHttpResult>> StepAsync(IGrainFactory grains, Guid id, Func<IComplaintGrain, Task<Result<ComplaintView>>> step)
    {
        var result = await step(grains.GetGrain<IComplaintGrain>(id));
        return result.Value is { } found ? TypedResults.Ok(found) : DomainProblems.For(result.Error!);
    }
}
