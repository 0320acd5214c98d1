using Microsoft.Extensions.Logging;

namespace GrainMarket.Reviews;

/// <summary>One platform feedback, written once; its key comes from the sender's Idempotency-Key, so a retry returns the first.</summary>
[GrainType("platform-feedback")]
public sealed class PlatformFeedbackGrain(
    [PersistentState("feedback", PostgresGrainStorage.ProviderName)] IPersistentState<PlatformFeedbackState> feedback,
    TimeProvider timeProvider,
    ILogger<PlatformFeedbackGrain> logger) : Grain, IPlatformFeedbackGrain
{
    async Task<PlatformFeedbackView> IPlatformFeedbackGrain.SendAsync(Guid userId, int rating, string text)
    {
        if (Ratings.Check(rating) is not null)
        {
            throw new ArgumentOutOfRangeException(nameof(rating), rating, $"A rating is {Ratings.Min} to {Ratings.Max} stars; the gateway checks it first.");
        }

        if (!feedback.RecordExists)
        {
            var state = feedback.State;
            (state.UserId, state.Rating, state.Text, state.CreatedAt) = (userId, rating, text, timeProvider.GetUtcNow());
            await feedback.WriteStateAsync();
            logger.LogInformation("Platform feedback {FeedbackId}: {Rating} stars", this.GetPrimaryKey(), rating);
        }

        var s = feedback.State;
        return new PlatformFeedbackView(this.GetPrimaryKey(), s.UserId, s.Rating, s.Text, s.CreatedAt);
    }
}
