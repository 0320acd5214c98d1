using GrainMarket.ApiGateway.Http;
using GrainMarket.Common;
using GrainMarket.Complaints;

namespace GrainMarket.ApiGateway.Apis.Complaints;

/// <summary>
/// A complaint about <see cref="SubjectId"/> of kind <see cref="Subject"/> (<see cref="ComplaintSubjects"/>), with its
/// reason; <see cref="SellerId"/> names the seller a buyer's complaint about an order of several sellers is against, and
/// <see cref="ConversationId"/> a conversation with the other party for the admins to read.
/// </summary>
public sealed record CreateComplaintRequest(string? Subject, Guid? SubjectId, string? Reason, Guid? SellerId = null, Guid? ConversationId = null)
{
    public DomainError? Check() =>
        Validation.First(
            Subject is null || !ComplaintSubjects.All.Contains(Subject) ? DomainError.Invalid("subject", $"must be one of {string.Join(", ", ComplaintSubjects.All)}") : null,
            SubjectId is null || SubjectId == Guid.Empty ? DomainError.Invalid("subjectId", "is required") : null,
            Validation.Required(Reason, "reason", IComplaintGrain.MaxTextLength),
            SellerId is not null && Subject != ComplaintSubjects.Order ? DomainError.Invalid("sellerId", "is only for a complaint about an order") : null,
            ConversationId == Guid.Empty ? DomainError.Invalid("conversationId", "must be a conversation id") : null);
}
