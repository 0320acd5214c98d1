using GrainMarket.ApiGateway.Http;
using GrainMarket.Common;

namespace GrainMarket.ApiGateway.Apis.Delivery;

/// <summary>Why the buyer disputes the order (1 to 1000 characters).</summary>
public sealed record DisputeRequest(string? Reason)
{
    public DomainError? Check() => Validation.Required(Reason, "reason", 1000);
}
