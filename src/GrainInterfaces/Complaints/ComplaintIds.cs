using GrainMarket.Common;

namespace GrainMarket.Complaints;

/// <summary>Complaint ids: derived from the complainant and the request's Idempotency-Key, so a retried request reaches the same complaint.</summary>
public static class ComplaintIds
{
    public static Guid FromIdempotencyKey(Guid complainantId, string idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        return DeterministicGuid.From($"complaint:{complainantId:N}:{idempotencyKey}");
    }

    /// <summary>The id of the notification that tells the parties of a complaint's <paramref name="step"/> (a status, or <c>response</c>).</summary>
    public static string Notification(Guid complaintId, string step) => $"complaint:{complaintId:N}:{step}";
}
