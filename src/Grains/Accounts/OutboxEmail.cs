namespace GrainMarket.Accounts;

/// <summary>
/// An e-mail waiting in the outbox for the SMTP sender. It lives only in <see cref="UserState.Outbox"/>, which is
/// never stored: the <c>email_outbox</c> row the projection writes is its only durable form.
/// </summary>
public sealed record OutboxEmail(Guid Id, string To, string Subject, string Body, DateTimeOffset CreatedAt);
