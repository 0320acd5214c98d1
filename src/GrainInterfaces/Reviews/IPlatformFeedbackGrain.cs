namespace GrainMarket.Reviews;

/// <summary>
/// One piece of feedback on the platform (key: <see cref="ReviewIds.PlatformFeedback"/>, from the sender's
/// Idempotency-Key), projected to <c>platform_feedback</c> for admins. Sending it again returns the first.
/// </summary>
[Alias("gm.platformFeedback")]
public interface IPlatformFeedbackGrain : IGrainWithGuidKey
{
    [Alias("send")]
    Task<PlatformFeedbackView> SendAsync(Guid userId, int rating, string text);
}
