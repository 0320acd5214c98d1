using System.Globalization;
using GrainMarket.Mail;
using MailKit.Security;
using MimeKit;

namespace GrainMarket.Silo.Mail;

/// <summary>
/// How the outbox is delivered (docs/email.md): over SMTP when <c>GRAINMARKET_SMTP_HOST</c> is set (port, TLS mode and
/// credentials beside it), else as <c>.eml</c> files into <c>GRAINMARKET_MAIL_DIR</c> when that is set, else not at all
/// (the outbox fills and waits). Retries: <c>GRAINMARKET_MAIL_MAX_ATTEMPTS</c> (default 8) attempts, the n-th retry
/// after <c>GRAINMARKET_MAIL_RETRY_SECONDS</c> (default 30) × 2^(n-1), at most an hour.
/// </summary>
public sealed record MailSettings
{
    public string? SmtpHost { get; init; }

    public int SmtpPort { get; init; }

    public SecureSocketOptions SmtpTls { get; init; } = SecureSocketOptions.StartTls;

    public string? SmtpUsername { get; init; }

    public string? SmtpPassword { get; init; }

    public string? MailDirectory { get; init; }

    public required MailboxAddress From { get; init; }

    public required MailBrand Brand { get; init; }

    public int MaxAttempts { get; init; } = 8;

    public TimeSpan RetryBase { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan RetryCap { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How long a claimed row is a sender's alone: longer than a send may take (MailKit's timeout is a third of it).</summary>
    public TimeSpan ClaimLease { get; init; } = TimeSpan.FromMinutes(2);

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    public int BatchSize { get; init; } = 50;

    /// <summary>Whether this process drains the outbox at all.</summary>
    public bool Sends => SmtpHost is not null || MailDirectory is not null;

    /// <summary>How long after its <paramref name="attempt"/>-th failed attempt a row is due again.</summary>
    public TimeSpan Backoff(int attempt)
    {
        var factor = Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        var delay = RetryBase * factor;
        return delay < RetryCap ? delay : RetryCap;
    }

    public static MailSettings Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var name = configuration["GRAINMARKET_MARKETPLACE_NAME"] is { Length: > 0 } given ? given.Trim() : MailBrand.Default.MarketplaceName;
        var publicUrl = MailBrand.Default.PublicUrl;
        if (configuration["GRAINMARKET_PUBLIC_URL"] is { Length: > 0 } url)
        {
            publicUrl = Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https"
                ? parsed
                : throw new InvalidOperationException($"GRAINMARKET_PUBLIC_URL '{url}' is not an absolute http(s) address such as https://market.example.com.");
        }

        var currency = configuration["GRAINMARKET_CURRENCY"] is { Length: 3 } code ? code.ToUpperInvariant() : MailBrand.Default.Currency;
        var host = configuration["GRAINMARKET_SMTP_HOST"] is { Length: > 0 } h ? h.Trim() : null;
        var tls = (configuration["GRAINMARKET_SMTP_TLS"] ?? "starttls").Trim().ToLowerInvariant() switch
        {
            "none" => SecureSocketOptions.None,
            "starttls" => SecureSocketOptions.StartTls,
            "tls" => SecureSocketOptions.SslOnConnect,
            var other => throw new InvalidOperationException($"GRAINMARKET_SMTP_TLS '{other}' is not one of none, starttls, tls."),
        };
        var port = configuration.GetValue<int?>("GRAINMARKET_SMTP_PORT") ?? tls switch
        {
            SecureSocketOptions.SslOnConnect => 465,
            SecureSocketOptions.StartTls => 587,
            _ => 25,
        };
        if (port is < 1 or > 65535)
        {
            throw new InvalidOperationException("GRAINMARKET_SMTP_PORT must be between 1 and 65535.");
        }

        var username = configuration["GRAINMARKET_SMTP_USERNAME"] is { Length: > 0 } u ? u : null;
        var password = configuration["GRAINMARKET_SMTP_PASSWORD"];
        if (username is not null && string.IsNullOrEmpty(password))
        {
            throw new InvalidOperationException("GRAINMARKET_SMTP_USERNAME needs GRAINMARKET_SMTP_PASSWORD.");
        }

        var fromText = configuration["GRAINMARKET_MAIL_FROM"];
        if (host is not null && string.IsNullOrWhiteSpace(fromText))
        {
            throw new InvalidOperationException("GRAINMARKET_SMTP_HOST needs GRAINMARKET_MAIL_FROM, the sender's address (e.g. \"GrainMarket <no-reply@market.example.com>\").");
        }

        var from = string.IsNullOrWhiteSpace(fromText) ? new MailboxAddress(name, "no-reply@grainmarket.localhost")
            : MailboxAddress.TryParse(fromText, out var parsedFrom) && parsedFrom.Address.Contains('@', StringComparison.Ordinal) ? parsedFrom
            : throw new InvalidOperationException($"GRAINMARKET_MAIL_FROM '{fromText}' is not an e-mail address.");
        var maxAttempts = configuration.GetValue<int?>("GRAINMARKET_MAIL_MAX_ATTEMPTS") ?? 8;
        var retrySeconds = configuration.GetValue<double?>("GRAINMARKET_MAIL_RETRY_SECONDS") ?? 30;
        if (maxAttempts < 1 || retrySeconds <= 0)
        {
            throw new InvalidOperationException("GRAINMARKET_MAIL_MAX_ATTEMPTS must be at least 1 and GRAINMARKET_MAIL_RETRY_SECONDS more than 0.");
        }

        return new MailSettings
        {
            SmtpHost = host,
            SmtpPort = port,
            SmtpTls = tls,
            SmtpUsername = username,
            SmtpPassword = password,
            MailDirectory = configuration["GRAINMARKET_MAIL_DIR"] is { Length: > 0 } dir ? Path.GetFullPath(dir) : null,
            From = from,
            Brand = new MailBrand(name, publicUrl, currency),
            MaxAttempts = maxAttempts,
            RetryBase = TimeSpan.FromSeconds(retrySeconds),
            PollInterval = TimeSpan.FromSeconds(configuration.GetValue<double?>("GRAINMARKET_MAIL_POLL_SECONDS") ?? 2),
        };
    }

    /// <summary>Where mail goes, for the start-up log: never the password.</summary>
    public override string ToString() => SmtpHost is not null
        ? string.Create(CultureInfo.InvariantCulture, $"SMTP {SmtpHost}:{SmtpPort} ({SmtpTls}) from {From.Address}")
        : MailDirectory is not null ? $".eml files in {MailDirectory}" : "nowhere (no GRAINMARKET_SMTP_HOST or GRAINMARKET_MAIL_DIR)";
}
