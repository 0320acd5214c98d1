namespace GrainMarket.Gateway.Tests.Support;

/// <summary>A registered, logged-in user and an HTTP client that sends its access token.</summary>
public sealed record TestUser(Guid Id, string Email, string Password, HttpClient Client) : IDisposable
{
    public void Dispose() => Client.Dispose();
}
