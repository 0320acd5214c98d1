using MimeKit;

namespace GrainMarket.Silo.Mail;

/// <summary>Where the outbox's messages go: an SMTP server (<see cref="SmtpMailTransport"/>) or a folder (<see cref="EmlMailTransport"/>).</summary>
public interface IMailTransport
{
    /// <summary>Opens a session for one batch; sending fails with <see cref="MailDeliveryException"/> or the transport's own I/O errors (retried).</summary>
    Task<IMailSession> OpenAsync(CancellationToken cancellationToken);
}

/// <summary>One connection's worth of sending.</summary>
public interface IMailSession : IAsyncDisposable
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}
