namespace GrainMarket.Gateway.Tests.Chat;

/// <summary>Two users and the conversation <see cref="Alice"/> started with <see cref="Bob"/>; disposing signs both out of the test.</summary>
public sealed record ChatPair(ChatUser Alice, ChatUser Bob, Guid ConversationId) : IDisposable
{
    public void Dispose()
    {
        Alice.User.Dispose();
        Bob.User.Dispose();
    }
}
