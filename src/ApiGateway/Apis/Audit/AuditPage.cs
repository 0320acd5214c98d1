using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace GrainMarket.ApiGateway.Apis.Audit;

/// <summary>
/// Renders an audit as a plain HTML page: every value HTML-encoded, no scripts, styles or external assets (the
/// gateway's content policy allows none on API paths). The Orleans Dashboard 10.4.2 has no extension point for a panel
/// of its own, so the audit is a page beside it.
/// </summary>
public static class AuditPage
{
    public static string Render(AuditResponse audit)
    {
        ArgumentNullException.ThrowIfNull(audit);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>GrainMarket audit</title></head>\n<body>\n")
            .Append("<h1>GrainMarket conservation audit: ").Append(audit.Consistent ? "consistent" : "NOT consistent").Append("</h1>\n")
            .Append("<p>Checked at ").Append(Encode(audit.CheckedAt.ToString("O", CultureInfo.InvariantCulture)))
            .Append(". Books (").Append(Encode(audit.Books.Currency)).Append(", minor units): external in ").Append(audit.Books.ExternalIn)
            .Append(", external out ").Append(audit.Books.ExternalOut).Append(", all wallets ").Append(audit.Books.WalletsTotal)
            .Append(", held ").Append(audit.Books.HeldTotal).Append(".</p>\n")
            .Append("<table border=\"1\">\n<tr><th>check</th><th>passed</th><th>expected</th><th>actual</th><th>difference</th><th>rows that differ</th><th>what it means</th></tr>\n");
        foreach (var check in audit.Checks)
        {
            html.Append("<tr><td>").Append(Encode(check.Name)).Append("</td><td>").Append(check.Passed ? "yes" : "NO")
                .Append("</td><td>").Append(check.Expected).Append("</td><td>").Append(check.Actual).Append("</td><td>").Append(check.Difference)
                .Append("</td><td>").Append(check.Offenders).Append("</td><td>").Append(Encode(check.Description)).Append("</td></tr>\n");
        }

        html.Append("</table>\n");
        foreach (var check in audit.Checks.Where(c => c.Details.Count > 0))
        {
            html.Append("<h2>").Append(Encode(check.Name)).Append(": ").Append(check.Offenders).Append(" rows differ");
            if (check.Offenders > check.Details.Count)
            {
                html.Append(" (the first ").Append(check.Details.Count).Append(')');
            }

            html.Append("</h2>\n<table border=\"1\">\n<tr><th>subject</th><th>quantity</th><th>expected</th><th>actual</th><th>difference</th><th>note</th></tr>\n");
            foreach (var row in check.Details)
            {
                html.Append("<tr><td>").Append(Encode(row.Subject)).Append("</td><td>").Append(Encode(row.Quantity)).Append("</td><td>").Append(row.Expected)
                    .Append("</td><td>").Append(row.Actual).Append("</td><td>").Append(row.Difference).Append("</td><td>").Append(Encode(row.Note ?? "")).Append("</td></tr>\n");
            }

            html.Append("</table>\n");
        }

        return html.Append("</body>\n</html>\n").ToString();
    }

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);
}
