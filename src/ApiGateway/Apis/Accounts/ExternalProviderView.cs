namespace GrainMarket.ApiGateway.Apis.Accounts;

/// <summary>A provider a user can sign in with, and the address that starts the sign-in.</summary>
public sealed record ExternalProviderView(string Name, string DisplayName, string Start);
