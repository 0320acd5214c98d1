using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Chat;

/// <summary>A signed-in test user and the display name the user directory knows them by.</summary>
public sealed record ChatUser(TestUser User, string Name);
