namespace GrainMarket.ApiGateway.Apis.Accounts;

/// <summary>The link ticket of an external sign-in whose e-mail had an account, and that account's password.</summary>
public sealed record LinkExternalRequest(string? Ticket, string? Password);
