using MimeKit;
using Npgsql;

namespace GrainMarket.Silo.Mail;

/// <summary>
/// Drains <c>email_outbox</c>: claims a batch of due rows (<c>FOR UPDATE SKIP LOCKED</c>, then a lease of
/// <see cref="MailSettings.ClaimLease"/> under a token of its own, the attempt counted), hands each to the transport and
/// marks it sent once the server accepted it, on the same connection; a refused or failed row is due again after the
/// back-off, or failed for good after a 5xx reply or its last attempt. Several senders (one per silo) never hold the same
/// row; a sender that dies mid-batch leaves its rows to the others when the lease ends, and a row sent but not yet marked
/// is sent again with the same Message-Id (derived from the row id), which receivers use to drop the copy.
/// </summary>
public sealed class OutboxSender(NpgsqlDataSource dataSource, IMailTransport transport, MailSettings settings, ILogger<OutboxSender> logger)
{
    /// <summary>The header naming the e-mail's kind (<see cref="GrainMarket.Mail.MailKinds"/>).</summary>
    public const string KindHeader = "X-GrainMarket-Kind";

    private const string Claim = """
        UPDATE email_outbox o SET claimed_until = now() + $1, claim_token = $2, attempts = o.attempts + 1
        FROM (SELECT id FROM email_outbox
              WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= now() AND (claimed_until IS NULL OR claimed_until < now())
              ORDER BY next_attempt_at, created_at LIMIT $3 FOR UPDATE SKIP LOCKED) due
        WHERE o.id = due.id
        RETURNING o.id, o.recipient, o.subject, o.body, o.html_body, o.kind, o.attempts, o.created_at
        """;

    private const string MarkSent = """
        UPDATE email_outbox SET sent_at = now(), claimed_until = NULL, claim_token = NULL
        WHERE id = $1 AND claim_token = $2
        """;

    private const string MarkRetry = """
        UPDATE email_outbox SET next_attempt_at = now() + $3, claimed_until = NULL, claim_token = NULL, last_error = $4
        WHERE id = $1 AND claim_token = $2
        """;

    private const string MarkFailed = """
        UPDATE email_outbox SET failed_at = now(), claimed_until = NULL, claim_token = NULL, last_error = $3
        WHERE id = $1 AND claim_token = $2
        """;

    /// <summary>Sends one batch of due rows; returns how many were claimed (a full batch means more may be due).</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var token = Guid.NewGuid();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await ClaimAsync(connection, token, cancellationToken);
        if (rows.Count == 0)
        {
            return 0;
        }

        IMailSession? session = null;
        try
        {
            foreach (var row in rows)
            {
                try
                {
                    var message = Compose(row);
                    session ??= await transport.OpenAsync(cancellationToken);
                    await session.SendAsync(message, cancellationToken);
                    await ExecuteAsync(connection, MarkSent, cancellationToken, row.Id, token);
                    logger.LogInformation("Sent e-mail {EmailId} ({EmailKind}), attempt {Attempt}", row.Id, row.Kind, row.Attempts);
                }
                catch (Exception e) when (Failure(e) is { } failure)
                {
                    if (e is not MailDeliveryException && session is not null)
                    {
                        // A lost connection or protocol error leaves the session unusable: the next row opens a new one.
                        await session.DisposeAsync();
                        session = null;
                    }

                    await RecordFailureAsync(connection, row, token, failure, cancellationToken);
                }
            }
        }
        finally
        {
            if (session is not null)
            {
                await session.DisposeAsync();
            }
        }

        return rows.Count;
    }

    /// <summary>The message of a row: text and HTML alternatives, dated when the row was written, its Message-Id the row's.</summary>
    public MimeMessage Compose(OutboxRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var message = new MimeMessage
        {
            Subject = row.Subject,
            Date = row.CreatedAt,
            MessageId = $"{row.Id:N}@{settings.From.Domain}",
        };
        message.From.Add(settings.From);
        message.To.Add(MailboxAddress.Parse(row.Recipient));
        message.Headers.Add(KindHeader, row.Kind);
        message.Body = new BodyBuilder { TextBody = row.Body, HtmlBody = row.Html }.ToMessageBody();
        return message;
    }

    private async Task RecordFailureAsync(NpgsqlConnection connection, OutboxRow row, Guid token, (bool Permanent, string Reason) failure, CancellationToken cancellationToken)
    {
        var reason = failure.Reason.Length > 500 ? failure.Reason[..500] : failure.Reason;
        if (failure.Permanent || row.Attempts >= settings.MaxAttempts)
        {
            await ExecuteAsync(connection, MarkFailed, cancellationToken, row.Id, token, reason);
            logger.LogWarning("E-mail {EmailId} ({EmailKind}) failed for good after attempt {Attempt}: {Reason}", row.Id, row.Kind, row.Attempts, reason);
            return;
        }

        var delay = settings.Backoff(row.Attempts);
        await ExecuteAsync(connection, MarkRetry, cancellationToken, row.Id, token, delay, reason);
        logger.LogWarning("E-mail {EmailId} ({EmailKind}) attempt {Attempt} failed, retried in {RetryDelay}: {Reason}", row.Id, row.Kind, row.Attempts, delay, reason);
    }

    /// <summary>Whether a send failed for good, and why; null for what is not a delivery failure (cancellation, bugs).</summary>
    private static (bool Permanent, string Reason)? Failure(Exception e) => e switch
    {
        MailDeliveryException delivery => (delivery.Permanent, delivery.Message),
        ParseException => (true, $"The recipient is not an address MimeKit can parse: {e.Message}"),
        IOException or System.Net.Sockets.SocketException or MailKit.ProtocolException or MailKit.ServiceNotConnectedException
            or System.Security.Authentication.AuthenticationException or MailKit.Security.AuthenticationException or MailKit.Security.SslHandshakeException or TimeoutException
            => (false, $"{e.GetType().Name}: {e.Message}"),
        _ => null,
    };

    private async Task<List<OutboxRow>> ClaimAsync(NpgsqlConnection connection, Guid token, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Claim, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = settings.ClaimLease });
        command.Parameters.Add(new NpgsqlParameter { Value = token });
        command.Parameters.Add(new NpgsqlParameter { Value = settings.BatchSize });
        var rows = new List<OutboxRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new OutboxRow(
                reader.GetGuid(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetString(5),
                reader.GetInt32(6),
                reader.GetFieldValue<DateTimeOffset>(7)));
        }

        return rows;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
