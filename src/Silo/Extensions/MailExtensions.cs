using GrainMarket.Silo.Mail;

namespace GrainMarket.Silo.Extensions;

public static class MailExtensions
{
    /// <summary>
    /// E-mail (docs/email.md): the marketplace's name, public address and currency that every e-mail carries
    /// (<c>GRAINMARKET_MARKETPLACE_NAME</c>, <c>GRAINMARKET_PUBLIC_URL</c>, <c>GRAINMARKET_CURRENCY</c>), and on PostgreSQL
    /// the mail loop: order and withdrawal events become outbox rows, which go over SMTP (<c>GRAINMARKET_SMTP_HOST</c>,
    /// <c>_PORT</c>, <c>_TLS</c>, <c>_USERNAME</c>, <c>_PASSWORD</c>, <c>GRAINMARKET_MAIL_FROM</c>) or into <c>.eml</c>
    /// files (<c>GRAINMARKET_MAIL_DIR</c>); see <see cref="MailSettings"/>.
    /// </summary>
    public static WebApplicationBuilder AddGrainMarketMail(this WebApplicationBuilder builder, bool inMemory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = MailSettings.Read(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(settings.Brand);
        if (inMemory)
        {
            return builder;
        }

        if (settings.SmtpHost is not null)
        {
            builder.Services.AddSingleton<IMailTransport, SmtpMailTransport>();
        }
        else
        {
            builder.Services.AddSingleton<IMailTransport, EmlMailTransport>();
        }

        builder.Services.AddSingleton<OutboxSender>();
        builder.Services.AddSingleton<MailEventMailer>();
        builder.Services.AddHostedService<MailWorker>();
        return builder;
    }
}
