using System.Net;
using System.Text;

namespace GrainMarket.Mail;

/// <summary>
/// Writes one e-mail in plain text and in HTML at once, so the two always say the same: each block goes to both, the
/// HTML escaped. Both end with the marketplace's name and address.
/// </summary>
public sealed class MailComposer(MailBrand brand)
{
    private readonly StringBuilder _text = new();
    private readonly StringBuilder _html = new();

    public MailBrand Brand => brand;

    public MailComposer Paragraph(string text)
    {
        _text.Append(text).Append("\n\n");
        _html.Append("<p>").Append(WebUtility.HtmlEncode(text)).Append("</p>\n");
        return this;
    }

    /// <summary>A link: in the text on a line of its own after its label, in the HTML as a button.</summary>
    public MailComposer Link(string label, string url)
    {
        _text.Append(label).Append(": ").Append(url).Append("\n\n");
        _html.Append("<p><a href=\"").Append(WebUtility.HtmlEncode(url))
            .Append("\" style=\"display:inline-block;padding:10px 16px;background:#2f6f3e;color:#ffffff;text-decoration:none;border-radius:4px\">")
            .Append(WebUtility.HtmlEncode(label)).Append("</a></p>\n");
        return this;
    }

    /// <summary>A value to copy (a token): alone on its line in the text, monospaced in the HTML.</summary>
    public MailComposer Code(string value)
    {
        _text.Append(value).Append("\n\n");
        _html.Append("<p><code style=\"font-size:14px;word-break:break-all\">").Append(WebUtility.HtmlEncode(value)).Append("</code></p>\n");
        return this;
    }

    /// <summary>Rows of a label and an amount (order lines and totals); a null label row is left out.</summary>
    public MailComposer Table(IEnumerable<(string Label, string Value)> rows)
    {
        _html.Append("<table style=\"border-collapse:collapse\">\n");
        foreach (var (label, value) in rows)
        {
            _text.Append("  ").Append(label).Append(" — ").Append(value).Append('\n');
            _html.Append("<tr><td style=\"padding:2px 12px 2px 0\">").Append(WebUtility.HtmlEncode(label))
                .Append("</td><td style=\"padding:2px 0;text-align:right\">").Append(WebUtility.HtmlEncode(value)).Append("</td></tr>\n");
        }

        _text.Append('\n');
        _html.Append("</table>\n");
        return this;
    }

    public MailContent Build(string kind, string subject)
    {
        var name = brand.MarketplaceName;
        var home = brand.PublicUrl.ToString();
        var text = $"{_text}— {name}\n{home}\n";
        var html = $"""
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(subject)}</title></head>
            <body style="font-family:Helvetica,Arial,sans-serif;color:#222222;max-width:600px">
            <h2 style="color:#2f6f3e">{WebUtility.HtmlEncode(name)}</h2>
            {_html}<p style="color:#777777;font-size:12px">— <a href="{WebUtility.HtmlEncode(home)}">{WebUtility.HtmlEncode(name)}</a></p>
            </body></html>
            """;
        return new MailContent(kind, $"{subject} — {name}", text, html);
    }
}
