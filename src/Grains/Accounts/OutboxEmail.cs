namespace GrainMarket.Accounts;

/// <summary>An e-mail waiting in the outbox for the SMTP sender.</summary>
public sealed record OutboxEmail(Guid Id, string To, string Subject, string Body, DateTimeOffset CreatedAt);
