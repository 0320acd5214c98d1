using System.Security.Cryptography;
using System.Text;
using GrainMarket.Notifications;
using GrainMarket.Orders;
using Npgsql;

namespace GrainMarket.Silo.Mail;

/// <summary>
/// Turns the orders' and withdrawals' changes (<c>mail_events</c>, filled by triggers in the same commit as each change)
/// into in-app notifications and outbox rows, each as its recipient chose for its kind (<see cref="NotificationKinds"/>): a batch of events is locked (<c>FOR UPDATE SKIP LOCKED</c>), rendered, written to <c>email_outbox</c>
/// and deleted in one transaction, so each event is mailed once whichever silo takes it. An outbox row's id is derived
/// from the event and the recipient, so even a replayed event adds no second e-mail. Which event tells whom: docs/notifications.md.
/// </summary>
public sealed class MailEventMailer(NpgsqlDataSource dataSource, IGrainFactory grains, MailSettings settings, ILogger<MailEventMailer> logger)
{
    private const int BatchSize = 20;

    private const string Due = "SELECT id, source, subject_id, sequence, status, at FROM mail_events ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED";

    private const string Insert = """
        INSERT INTO email_outbox (id, recipient, subject, body, html_body, kind, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
        ON CONFLICT (id) DO NOTHING
        """;

    /// <summary>Mails one batch of events; returns how many were taken (a full batch means more may be waiting).</summary>
    public async Task<int> MailDueEventsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var events = new List<MailEvent>();
        await using (var command = new NpgsqlCommand(Due, connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = BatchSize });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                events.Add(new MailEvent(reader.GetInt64(0), reader.GetString(1), reader.GetGuid(2), reader.GetInt64(3), reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5)));
            }
        }

        if (events.Count == 0)
        {
            return 0;
        }

        var done = new List<long>();
        foreach (var e in events)
        {
            var notices = e.Source == "order" ? await OrderNoticesAsync(e) : await WithdrawalNoticesAsync(connection, transaction, e, cancellationToken);
            var userIds = notices.Select(n => n.UserId).Distinct().ToArray();
            var addresses = await AddressesAsync(connection, transaction, userIds, cancellationToken);
            var choices = new Dictionary<Guid, IReadOnlyDictionary<string, string>>();
            foreach (var userId in userIds)
            {
                choices[userId] = await grains.GetGrain<INotificationInboxGrain>(userId).GetPreferencesAsync();
            }

            foreach (var notice in notices)
            {
                var channel = NotificationKinds.ChannelOf(choices[notice.UserId], notice.InApp.Type);
                if (NotificationChannels.ToInbox(channel))
                {
                    // Before this transaction commits: a crash in between takes the event again, and the inbox keeps
                    // a notification once by its id.
                    await grains.GetGrain<INotificationInboxGrain>(notice.UserId).AddAsync(notice.InApp);
                }

                if (NotificationChannels.ToEmail(channel))
                {
                    await InsertMailsAsync(connection, transaction, e, notice, addresses, cancellationToken);
                }
            }

            done.Add(e.Id);
        }

        await using (var delete = new NpgsqlCommand("DELETE FROM mail_events WHERE id = ANY($1)", connection, transaction))
        {
            delete.Parameters.Add(new NpgsqlParameter { Value = done.ToArray() });
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return events.Count;
    }

    private async Task<IReadOnlyList<EventNotice>> OrderNoticesAsync(MailEvent e) =>
        await grains.GetGrain<IOrderGrain>(e.SubjectId).GetAsync() is { } order
            ? OrderNotices.For(settings.Brand, order, e.Sequence, e.Status, e.At)
            : [];

    private async Task<IReadOnlyList<EventNotice>> WithdrawalNoticesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, MailEvent e, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT wallet_id, amount FROM withdrawals WHERE id = $1", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = e.SubjectId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);

        // A user's wallet is keyed by the user's id; the platform's withdrawals tell no one.
        return await reader.ReadAsync(cancellationToken) && Guid.TryParse(reader.GetString(0), out var userId)
            ? [WithdrawalNotices.For(settings.Brand, userId, e.SubjectId, reader.GetInt64(1), e.Status, e.At)]
            : [];
    }

    private async Task InsertMailsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, MailEvent e, EventNotice notice, Dictionary<Guid, string> addresses, CancellationToken cancellationToken)
    {
        foreach (var content in notice.Mails)
        {
            if (!addresses.TryGetValue(notice.UserId, out var address))
            {
                logger.LogWarning("No e-mail address for user {UserId}: {EmailKind} of {MailSource} {SubjectId} not mailed", notice.UserId, content.Kind, e.Source, e.SubjectId);
                continue;
            }

            await using var insert = new NpgsqlCommand(Insert, connection, transaction);
            foreach (var value in new object[] { RowId(e, content.Kind, notice.UserId), address, content.Subject, content.Text, content.Html, content.Kind, e.At })
            {
                insert.Parameters.Add(new NpgsqlParameter { Value = value });
            }

            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task<Dictionary<Guid, string>> AddressesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid[] userIds, CancellationToken cancellationToken)
    {
        var addresses = new Dictionary<Guid, string>();
        if (userIds.Length == 0)
        {
            return addresses;
        }

        await using var command = new NpgsqlCommand("SELECT id, email FROM users WHERE id = ANY($1)", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = userIds });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            addresses[reader.GetGuid(0)] = reader.GetString(1);
        }

        return addresses;
    }

    /// <summary>The outbox row of one e-mail of an event to one user: the same inputs always give the same id.</summary>
    private static Guid RowId(MailEvent e, string kind, Guid userId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{e.Source}:{e.SubjectId:N}:{e.Sequence}:{e.Status}:{kind}:{userId:N}"));
        hash[7] = (byte)((hash[7] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16));
    }

    private sealed record MailEvent(long Id, string Source, Guid SubjectId, long Sequence, string Status, DateTimeOffset At);
}
