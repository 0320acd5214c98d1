using System.Net.Http.Headers;
using System.Text;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Sweeps;

/// <summary>
/// Every operation of the OpenAPI document gets malformed input, from an anonymous caller and from an admin: the
/// answer is always a 4xx problem (never 5xx), and never a success for input that cannot be valid.
/// </summary>
public sealed class BadInputSweepTests(MarketplaceFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_operation_answers_malformed_input_with_a_4xx_problem()
    {
        using var anonymous = factory.CreateClient();
        using var document = System.Text.Json.JsonDocument.Parse(await anonymous.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), Ct));
        var operations = OpenApiOperation.Read(document.RootElement);
        var failures = new List<string>();
        var sent = 0;

        foreach (var operation in operations)
        {
            // A session of its own per operation: the sweep logs out and changes roles, which ends sessions.
            using var admin = await TestUsers.AdminAsync(factory);
            foreach (var input in BadInputs.For(operation))
            {
                foreach (var (caller, client) in new[] { ("anonymous", anonymous), ("admin", admin.Client) })
                {
                    using var response = await client.SendAsync(Request(operation, input), Ct);
                    sent++;
                    var status = (int)response.StatusCode;
                    var mediaType = response.Content.Headers.ContentType?.MediaType;
                    var body = await response.Content.ReadAsStringAsync(Ct);
                    if (status >= 500 || (status >= 400 && mediaType != "application/problem+json") || (input.MustBeRefused && status < 400))
                    {
                        failures.Add($"{operation} [{input.Description}] as {caller}: {status} {mediaType} {Shorten(body)}");
                    }
                    else if (status is >= 400 and < 500 && Undeclared(operation, status, body) is { } code)
                    {
                        failures.Add($"{operation} [{input.Description}] as {caller}: {status} {code}, a problem the OpenAPI document does not list for it");
                    }
                }
            }
        }

        Assert.True(operations.Count >= 10, $"The OpenAPI document lists only {operations.Count} operations.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} malformed requests were not refused with a 4xx problem the document lists:\n{string.Join('\n', failures)}");
    }

    private static HttpRequestMessage Request(OpenApiOperation operation, BadInput input)
    {
        var path = operation.Path;
        var query = new List<string>();
        foreach (var (name, value) in input.Values)
        {
            if (name.StartsWith('?'))
            {
                query.Add($"{name[1..]}={Uri.EscapeDataString(value)}");
            }
            else
            {
                path = path.Replace($"{{{name}}}", Uri.EscapeDataString(value), StringComparison.Ordinal);
            }
        }

        var request = new HttpRequestMessage(new HttpMethod(operation.Method), path + (query.Count > 0 ? "?" + string.Join('&', query) : ""));
        if (input.Body is not null)
        {
            request.Content = new StringContent(input.Body, Encoding.UTF8);
            request.Content.Headers.ContentType = input.ContentType.Contains(';', StringComparison.Ordinal)
                ? MediaTypeHeaderValue.Parse(input.ContentType)
                : new MediaTypeHeaderValue(input.ContentType) { CharSet = "utf-8" };
        }

        request.Headers.TryAddWithoutValidation("Idempotency-Key", input.IdempotencyKey ?? Guid.NewGuid().ToString());
        return request;
    }

    /// <summary>The problem's code when the document does not list it under the operation's response for <paramref name="status"/>.</summary>
    private static string? Undeclared(OpenApiOperation operation, int status, string body)
    {
        var code = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("code").GetString()!;
        return operation.Problems.TryGetValue(status, out var codes) && codes is not null && codes.Contains(code) ? null : code;
    }

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;
}
