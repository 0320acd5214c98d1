using MailKit;
using MailKit.Net.Smtp;
using MimeKit;

namespace GrainMarket.Silo.Mail;

/// <summary>
/// Sends over SMTP with MailKit: one connection per batch (TLS as configured, authenticated when a user name is set).
/// A 5xx reply to a message is permanent, any other reply, a protocol error or a lost connection is retried.
/// </summary>
public sealed class SmtpMailTransport(MailSettings settings) : IMailTransport
{
    public async Task<IMailSession> OpenAsync(CancellationToken cancellationToken)
    {
        var client = new SmtpClient { Timeout = (int)(settings.ClaimLease / 3).TotalMilliseconds };
        try
        {
            await client.ConnectAsync(settings.SmtpHost!, settings.SmtpPort, settings.SmtpTls, cancellationToken);
            if (settings.SmtpUsername is { } username)
            {
                await client.AuthenticateAsync(username, settings.SmtpPassword ?? "", cancellationToken);
            }

            return new Session(client);
        }
        catch (SmtpCommandException e)
        {
            client.Dispose();
            throw new MailDeliveryException($"SMTP {(int)e.StatusCode}: {e.Message}", permanent: false, e);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private sealed class Session(SmtpClient client) : IMailSession
    {
        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            try
            {
                await client.SendAsync(message, cancellationToken);
            }
            catch (SmtpCommandException e)
            {
                // The connection stays usable after a refused command; the next message may still go.
                throw new MailDeliveryException($"SMTP {(int)e.StatusCode}: {e.Message}", permanent: (int)e.StatusCode >= 500, e);
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (client.IsConnected)
                {
                    await client.DisconnectAsync(true);
                }
            }
            catch (Exception e) when (e is IOException or ProtocolException or OperationCanceledException or ServiceNotConnectedException)
            {
                // Sent messages are already marked; a failed QUIT loses nothing.
            }
            finally
            {
                client.Dispose();
            }
        }
    }
}
