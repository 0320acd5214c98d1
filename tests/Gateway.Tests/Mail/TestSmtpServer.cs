using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace GrainMarket.Gateway.Tests.Mail;

/// <summary>
/// A small SMTP server on 127.0.0.1 for the e-mail tests: a real SMTP conversation (EHLO, MAIL, RCPT, DATA with dot
/// unstuffing, RSET, NOOP, QUIT) that keeps what it accepted. <see cref="Reply"/> decides the answer to each message's
/// data by its number (1 for the first DATA): null accepts it, a reply line ("451 4.3.0 try later") refuses it.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<MimeMessage> _received = new();
    private readonly Task _accepting;
    private int _dataCount;

    public TestSmtpServer()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The settings of a silo that mails to this server (no TLS, from Test Bazaar) and looks for mail every 0.1 s; add to them freely.</summary>
    public Dictionary<string, string> SiloSettings() => new()
    {
        ["GRAINMARKET_SMTP_HOST"] = "127.0.0.1",
        ["GRAINMARKET_SMTP_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["GRAINMARKET_SMTP_TLS"] = "none",
        ["GRAINMARKET_MAIL_FROM"] = "Test Bazaar <no-reply@grainmarket.test>",
        ["GRAINMARKET_MAIL_POLL_SECONDS"] = "0.1",
    };

    public Func<int, string?> Reply { get; set; } = _ => null;

    /// <summary>How many messages reached DATA's end, accepted or refused.</summary>
    public int DataCount => Volatile.Read(ref _dataCount);

    public IReadOnlyList<MimeMessage> Received => [.. _received];

    /// <summary>The accepted messages to <paramref name="recipient"/>, in the order they arrived.</summary>
    public IReadOnlyList<MimeMessage> To(string recipient) =>
        [.. _received.Where(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, recipient, StringComparison.OrdinalIgnoreCase)))];

    /// <summary>Waits until <paramref name="done"/> holds for what was accepted, or fails naming <paramref name="what"/>.</summary>
    public async Task WaitAsync(Func<IReadOnlyList<MimeMessage>, bool> done, string what, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!done(Received))
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {timeout} waiting for {what}; received: {string.Join("; ", Received.Select(m => $"{m.To} {m.Subject}"))}");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = Task.Run(() => ServeAsync(client), _stop.Token);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            await using var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.Latin1);
            await using var writer = new StreamWriter(stream, Encoding.Latin1) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 localhost test SMTP");
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var verb = (line.Length >= 4 ? line[..4] : line).ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250-localhost");
                        await writer.WriteLineAsync("250 8BITMIME");
                        break;
                    case "HELO" or "MAIL" or "RCPT" or "RSET" or "NOOP":
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync(_stop.Token) is { } dataLine && dataLine != ".")
                        {
                            data.Append(dataLine.StartsWith('.') ? dataLine[1..] : dataLine).Append("\r\n");
                        }

                        var refusal = Reply(Interlocked.Increment(ref _dataCount));
                        if (refusal is null)
                        {
                            _received.Enqueue(MimeMessage.Load(new MemoryStream(Encoding.Latin1.GetBytes(data.ToString()))));
                            await writer.WriteLineAsync("250 OK queued");
                        }
                        else
                        {
                            await writer.WriteLineAsync(refusal);
                        }

                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 Command not implemented");
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client hung up or the server stops.
        }
    }
}
