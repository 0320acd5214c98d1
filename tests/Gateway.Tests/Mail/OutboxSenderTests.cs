using GrainMarket.Mail;
using GrainMarket.Silo.Mail;
using MailKit.Security;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;
using Npgsql;

namespace GrainMarket.Gateway.Tests.Mail;

/// <summary>The outbox's senders against a real SMTP conversation, each test on an outbox (a migrated schema) of its own.</summary>
public sealed class OutboxSenderTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly string _schema = TestDatabase.NewSchemaName();
    private readonly TestSmtpServer _smtp = new();
    private NpgsqlDataSource _db = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _db = await TestDatabase.CreateSchemaAsync(_schema, migrate: true, Ct);

    public async ValueTask DisposeAsync()
    {
        await _smtp.DisposeAsync();
        await _db.DisposeAsync();
        await TestDatabase.DropSchemaAsync(_schema, CancellationToken.None);
    }

    [Fact]
    public async Task Two_senders_racing_on_the_same_rows_deliver_each_row_exactly_once()
    {
        var ids = await AddRowsAsync(120);
        var first = Sender(Settings());
        var second = Sender(Settings());

        async Task DrainAsync(OutboxSender sender)
        {
            while (await sender.SendDueAsync(Ct) > 0)
            {
            }
        }

        await Task.WhenAll(Task.Run(() => DrainAsync(first), Ct), Task.Run(() => DrainAsync(second), Ct));

        var received = _smtp.Received.Select(m => m.MessageId).ToList();
        Assert.Equal(120, received.Count);
        Assert.Equal(ids.Select(id => $"{id:N}@grainmarket.test").Order(), received.Order());
        Assert.Equal(120, _smtp.DataCount);
        Assert.Equal((120L, 120L), await CountAsync("SELECT count(*) FILTER (WHERE sent_at IS NOT NULL), sum(attempts) FROM email_outbox"));
    }

    [Fact]
    public async Task A_server_that_refuses_then_accepts_gets_the_mail_on_retry_with_the_attempts_recorded()
    {
        _smtp.Reply = n => n <= 2 ? "451 4.3.0 Mailbox busy, try later" : null;
        var id = Assert.Single(await AddRowsAsync(1));
        var sender = Sender(Settings());

        Assert.Equal(1, await sender.SendDueAsync(Ct));
        Assert.Equal((0L, 1L), await CountAsync("SELECT count(*) FILTER (WHERE sent_at IS NOT NULL), sum(attempts) FROM email_outbox"));
        var deadline = DateTime.UtcNow + Timeout;
        while (_smtp.Received.Count == 0 && DateTime.UtcNow < deadline)
        {
            // Due again after the back-off (50 ms, then 100 ms).
            await sender.SendDueAsync(Ct);
            await Task.Delay(20, Ct);
        }

        var message = Assert.Single(_smtp.Received);
        Assert.Equal($"{id:N}@grainmarket.test", message.MessageId);
        Assert.Equal(3, _smtp.DataCount);
        var (attempts, error, sent, failed) = await RowAsync(id);
        Assert.Equal(3, attempts);
        Assert.Contains("451", error, StringComparison.Ordinal);
        Assert.True(sent);
        Assert.False(failed);
        Assert.Equal(0, await sender.SendDueAsync(Ct));
    }

    [Fact]
    public async Task A_5xx_refusal_is_a_permanent_failure_recorded_with_its_reason()
    {
        _smtp.Reply = _ => "550 5.1.1 No such user here";
        var id = Assert.Single(await AddRowsAsync(1));
        var sender = Sender(Settings());

        Assert.Equal(1, await sender.SendDueAsync(Ct));

        var (attempts, error, sent, failed) = await RowAsync(id);
        Assert.Equal(1, attempts);
        Assert.Contains("550", error, StringComparison.Ordinal);
        Assert.False(sent);
        Assert.True(failed);
        Assert.Equal(0, await sender.SendDueAsync(Ct));
        Assert.Equal(1, _smtp.DataCount);
    }

    [Fact]
    public async Task A_row_refused_on_every_attempt_fails_after_the_last_one()
    {
        _smtp.Reply = _ => "421 4.7.0 Too busy";
        var id = Assert.Single(await AddRowsAsync(1));
        var sender = Sender(Settings() with { MaxAttempts = 2 });

        var deadline = DateTime.UtcNow + Timeout;
        while (!(await RowAsync(id)).Failed && DateTime.UtcNow < deadline)
        {
            await sender.SendDueAsync(Ct);
            await Task.Delay(20, Ct);
        }

        var (attempts, error, sent, failed) = await RowAsync(id);
        Assert.Equal(2, attempts);
        Assert.Contains("421", error, StringComparison.Ordinal);
        Assert.False(sent);
        Assert.True(failed);
        Assert.Equal(2, _smtp.DataCount);
    }

    [Fact]
    public async Task A_server_that_is_down_leaves_the_row_due_again_and_counts_the_attempt()
    {
        var id = Assert.Single(await AddRowsAsync(1));
        int closedPort;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            closedPort = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }

        Assert.Equal(1, await Sender(Settings() with { SmtpPort = closedPort }).SendDueAsync(Ct));

        var (attempts, error, sent, failed) = await RowAsync(id);
        Assert.Equal(1, attempts);
        Assert.False(string.IsNullOrEmpty(error));
        Assert.False(sent);
        Assert.False(failed);
    }

    [Fact]
    public async Task A_row_claimed_by_a_sender_that_died_is_sent_by_another_when_the_lease_ends_with_the_same_Message_Id()
    {
        var id = Assert.Single(await AddRowsAsync(1));
        await using (var dead = _db.CreateCommand("UPDATE email_outbox SET claimed_until = now() + interval '500 milliseconds', claim_token = gen_random_uuid(), attempts = 1 WHERE id = $1"))
        {
            dead.Parameters.Add(new NpgsqlParameter { Value = id });
            Assert.Equal(1, await dead.ExecuteNonQueryAsync(Ct));
        }

        var sender = Sender(Settings());
        Assert.Equal(0, await sender.SendDueAsync(Ct));

        var deadline = DateTime.UtcNow + Timeout;
        while (await sender.SendDueAsync(Ct) == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, Ct);
        }

        Assert.Equal($"{id:N}@grainmarket.test", Assert.Single(_smtp.Received).MessageId);
        var (attempts, _, sent, failed) = await RowAsync(id);
        Assert.Equal(2, attempts);
        Assert.True(sent);
        Assert.False(failed);
    }

    [Fact]
    public async Task The_eml_writer_writes_a_file_that_parses_back_to_the_message()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"gm-mail-{Guid.NewGuid():N}");
        try
        {
            var settings = Settings() with { SmtpHost = null, MailDirectory = folder };
            var content = AccountMails.PasswordReset(settings.Brand, "0123456789abcdef.secret-part-of-the-token", TimeSpan.FromHours(1));
            var id = Guid.NewGuid();
            await InsertAsync(id, "reader@grainmarket.test", content);

            Assert.Equal(1, await new OutboxSender(_db, new EmlMailTransport(settings, NullLogger<EmlMailTransport>.Instance), settings, NullLogger<OutboxSender>.Instance).SendDueAsync(Ct));

            var file = Assert.Single(Directory.GetFiles(folder));
            Assert.EndsWith($"-password-reset-{id:N}.eml", file, StringComparison.Ordinal);
            var message = await MimeMessage.LoadAsync(file, Ct);
            Assert.Equal($"{id:N}@grainmarket.test", message.MessageId);
            Assert.Equal("Reset your password — Test Bazaar", message.Subject);
            Assert.Equal("reader@grainmarket.test", Assert.Single(message.To.Mailboxes).Address);
            Assert.Equal(content.Text.ReplaceLineEndings(), (message.TextBody ?? "").ReplaceLineEndings());
            Assert.Contains("https://bazaar.example/reset-password?token=0123456789abcdef.secret-part-of-the-token", message.HtmlBody ?? "", StringComparison.Ordinal);
            Assert.True((await RowAsync(id)).Sent);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private MailSettings Settings() => new()
    {
        SmtpHost = "127.0.0.1",
        SmtpPort = _smtp.Port,
        SmtpTls = SecureSocketOptions.None,
        From = new MailboxAddress("Test Bazaar", "no-reply@grainmarket.test"),
        Brand = new MailBrand("Test Bazaar", new Uri("https://bazaar.example/"), "USD"),
        RetryBase = TimeSpan.FromMilliseconds(50),
        BatchSize = 10,
    };

    private OutboxSender Sender(MailSettings settings) => new(_db, new SmtpMailTransport(settings), settings, NullLogger<OutboxSender>.Instance);

    private async Task<List<Guid>> AddRowsAsync(int count)
    {
        var brand = Settings().Brand;
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var id = Guid.NewGuid();
            await InsertAsync(id, $"user-{i}@grainmarket.test", AccountMails.PasswordChanged(brand, DateTimeOffset.UtcNow));
            ids.Add(id);
        }

        return ids;
    }

    private async Task InsertAsync(Guid id, string recipient, MailContent content)
    {
        await using var command = _db.CreateCommand("INSERT INTO email_outbox (id, recipient, subject, body, html_body, kind, created_at) VALUES ($1, $2, $3, $4, $5, $6, now())");
        foreach (var value in new object[] { id, recipient, content.Subject, content.Text, content.Html, content.Kind })
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync(Ct);
    }

    private async Task<(long, long)> CountAsync(string sql)
    {
        await using var command = _db.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        await reader.ReadAsync(Ct);
        return (reader.GetInt64(0), reader.IsDBNull(1) ? 0 : reader.GetInt64(1));
    }

    private async Task<(int Attempts, string? Error, bool Sent, bool Failed)> RowAsync(Guid id)
    {
        await using var command = _db.CreateCommand("SELECT attempts, last_error, sent_at IS NOT NULL, failed_at IS NOT NULL FROM email_outbox WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        return (reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetBoolean(2), reader.GetBoolean(3));
    }
}
