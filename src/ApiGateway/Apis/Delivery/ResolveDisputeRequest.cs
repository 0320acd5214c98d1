using GrainMarket.ApiGateway.Http;
using GrainMarket.Common;
using GrainMarket.Delivery;

namespace GrainMarket.ApiGateway.Apis.Delivery;

/// <summary>An admin's decision on a dispute: <c>release</c> (delivered and paid) or <c>refund</c> (cancelled, the buyer's money back), with a note for both parties.</summary>
public sealed record ResolveDisputeRequest(string? Outcome, string? Note)
{
    public DomainError? Check() =>
        Validation.First(
            Outcome is not null && DisputeOutcomes.All.Contains(Outcome) ? null : DomainError.Invalid("outcome", $"must be one of {string.Join(", ", DisputeOutcomes.All)}"),
            Validation.Required(Note, "note", 1000));
}
