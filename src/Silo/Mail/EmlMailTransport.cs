using MimeKit;

namespace GrainMarket.Silo.Mail;

/// <summary>
/// The local default: each message becomes <c>&lt;created&gt;-&lt;kind&gt;-&lt;row id&gt;.eml</c> in the mail folder, which any mail
/// program opens. Written to a temporary name and renamed, so a reader never sees half a file; a re-sent row overwrites its file.
/// </summary>
public sealed class EmlMailTransport(MailSettings settings, ILogger<EmlMailTransport> logger) : IMailTransport
{
    public Task<IMailSession> OpenAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(settings.MailDirectory!);
        return Task.FromResult<IMailSession>(new Session(settings.MailDirectory!, logger));
    }

    /// <summary>The file a message is written to (its name carries the outbox row's id, from the Message-Id).</summary>
    public static string FileName(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var id = (message.MessageId ?? "message").Split('@')[0];
        var kind = message.Headers[OutboxSender.KindHeader] ?? "message";
        return $"{message.Date.UtcDateTime:yyyyMMdd-HHmmss}-{kind}-{id}.eml";
    }

    private sealed class Session(string folder, ILogger logger) : IMailSession
    {
        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            var path = Path.Combine(folder, FileName(message));
            var temporary = path + ".tmp";
            await message.WriteToAsync(temporary, cancellationToken);
            File.Move(temporary, path, overwrite: true);
            logger.LogInformation("E-mail written to {EmlPath}", path);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
