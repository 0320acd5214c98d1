namespace GrainMarket.Silo.Mail;

/// <summary>A claimed <c>email_outbox</c> row; <see cref="Attempts"/> counts this one.</summary>
public sealed record OutboxRow(Guid Id, string Recipient, string Subject, string Body, string? Html, string Kind, int Attempts, DateTimeOffset CreatedAt);
