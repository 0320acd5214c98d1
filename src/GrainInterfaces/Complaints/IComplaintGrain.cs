using GrainMarket.Common;

namespace GrainMarket.Complaints;

/// <summary>
/// One complaint (key: the complaint id, derived from the complainant and the request's Idempotency-Key). The gateway
/// decides who the other party is (<see cref="NewComplaint"/>); the complaint checks the conversation it is given, keeps
/// its status (open → in review → resolved or rejected), the other party's response and the admin's note, and tells
/// both parties of each step in their inbox. Repeating a step that already happened returns the complaint as it
/// stands; expected failures are <see cref="DomainError"/> values and change nothing.
/// </summary>
[Alias("gm.complaint")]
public interface IComplaintGrain : IGrainWithGuidKey
{
    /// <summary>The longest reason, response or admin note, in characters.</summary>
    public const int MaxTextLength = 2000;

    /// <summary>
    /// Opens the complaint, attaching <see cref="NewComplaint.ConversationId"/> when given (a conversation of the
    /// complainant with the other party, else 404 <c>conversation-not-found</c>). Repeating it returns the complaint.
    /// </summary>
    [Alias("open")]
    Task<Result<ComplaintView>> OpenAsync(NewComplaint complaint);

    /// <summary>The complaint; null when it was never opened.</summary>
    [ReadOnly]
    [Alias("get")]
    Task<ComplaintView?> GetAsync();

    /// <summary>The other party's response (given again, it replaces the first) while the complaint is open or in review.</summary>
    [Alias("respond")]
    Task<Result<ComplaintView>> RespondAsync(Guid userId, string text);

    /// <summary>
    /// Attaches a conversation of the complainant with the other party (one per complaint) while the complaint is open
    /// or in review; admins may read that conversation from then on.
    /// </summary>
    [Alias("attachConversation")]
    Task<Result<ComplaintView>> AttachConversationAsync(Guid userId, Guid conversationId);

    /// <summary>Open → in review (an admin).</summary>
    [Alias("review")]
    Task<Result<ComplaintView>> ReviewAsync(Guid adminId);

    /// <summary>
    /// In review → resolved (an admin), with the resolution note both parties read; a complaint against a seller may
    /// cost them <paramref name="penaltyPoints"/> (once, whatever the repeats).
    /// </summary>
    [Alias("resolve")]
    Task<Result<ComplaintView>> ResolveAsync(Guid adminId, string note, long penaltyPoints);

    /// <summary>In review → rejected (an admin), with the note that says why.</summary>
    [Alias("reject")]
    Task<Result<ComplaintView>> RejectAsync(Guid adminId, string note);
}
