using GrainMarket.Common;

namespace GrainMarket.Messaging;

/// <summary>Conversation ids derived from the pair and the subject, so that starting a conversation twice reaches one grain.</summary>
public static class ConversationIds
{
    /// <summary>The id of the conversation between <paramref name="a"/> and <paramref name="b"/> (in either order) about the subject.</summary>
    public static Guid For(Guid a, Guid b, Guid? productId, Guid? orderId)
    {
        var (first, second) = a.CompareTo(b) <= 0 ? (a, b) : (b, a);
        return DeterministicGuid.From($"conversation:{first:N}:{second:N}:{productId:N}:{orderId:N}");
    }
}
