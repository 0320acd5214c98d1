using GrainMarket.Mail;

namespace GrainMarket.Accounts;

/// <summary>
/// An e-mail waiting in the outbox for the SMTP sender. It lives only in <see cref="UserState.Outbox"/>, which is
/// never stored: the <c>email_outbox</c> row the projection writes is its only durable form. <see cref="Body"/> is its
/// plain text, <see cref="Html"/> its HTML and <see cref="Kind"/> one of <see cref="MailKinds"/>.
/// </summary>
public sealed record OutboxEmail(Guid Id, string To, string Subject, string Body, DateTimeOffset CreatedAt, string Kind = "message", string? Html = null)
{
    public static OutboxEmail From(string to, MailContent content, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new(Guid.NewGuid(), to, content.Subject, content.Text, createdAt, content.Kind, content.Html);
    }
}
