using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace GrainMarket.Chaos;

/// <summary>HTTP to a random live gateway. A request that gets no answer (refused, reset, timed out) has status 0: its outcome is unknown.</summary>
internal sealed class Gateway(ChaosCluster cluster) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(15) };

    public async Task<(int Status, JsonElement Body)> SendAsync(Random random, HttpMethod method, string path, object? body, string? token, string? idempotencyKey = null)
    {
        var gateways = cluster.LiveGateways;
        if (gateways.Count == 0)
        {
            return (0, default);
        }

        using var request = new HttpRequestMessage(method, new Uri(gateways[random.Next(gateways.Count)], path));
        if (body is SignedWebhook webhook)
        {
            // Signed now: a retry a while later is still within the provider's tolerance.
            request.Content = new StringContent(webhook.Event.Body, System.Text.Encoding.UTF8, "application/json");
            request.Headers.Add(StripeStandIn.StripeWebhookSignature.Header, StripeStandIn.StripeWebhookSignature.Sign(webhook.Event.Body, webhook.Secret, DateTimeOffset.UtcNow));
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        try
        {
            using var response = await _http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var json = text.Length > 0 && response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true
                ? JsonDocument.Parse(text).RootElement.Clone()
                : default;
            if (response.IsSuccessStatusCode && json.ValueKind == JsonValueKind.Undefined && response.StatusCode != System.Net.HttpStatusCode.NoContent)
            {
                // A success without its body is a defect of the server: say so, and let the caller treat it as unknown.
                Console.WriteLine($"  ! {method} {path}: {(int)response.StatusCode} with content type '{response.Content.Headers.ContentType}' and {text.Length} characters of body; replayed: {response.Headers.Contains("Idempotent-Replayed")}");
                return (0, default);
            }

            return ((int)response.StatusCode, json);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException)
        {
            return (0, default);
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>Sends until an answer other than "unknown" or a 5xx comes back (the same key, so a retry is safe), at most <paramref name="attempts"/> times.</summary>
    public async Task<(int Status, JsonElement Body)> RetryAsync(Random random, HttpMethod method, string path, object? body, string? token, string? idempotencyKey, int attempts = 8)
    {
        (int Status, JsonElement Body) answer = (0, default);
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            answer = await SendAsync(random, method, path, body, token, idempotencyKey);
            if (answer.Status is > 0 and < 500 && !IsRetryable(answer))
            {
                return answer;
            }

            await Task.Delay(250 * (attempt + 1));
        }

        return answer;
    }

    /// <summary>Answers that mean "nothing decided yet, ask again": a key still in progress, a transaction that lost a race, an unknown outcome.</summary>
    private static bool IsRetryable((int Status, JsonElement Body) answer) =>
        answer.Status == 409 && answer.Body.ValueKind == JsonValueKind.Object && answer.Body.TryGetProperty("code", out var code)
        && code.GetString() is "idempotency-key-in-progress" or "transaction-conflict";
}
