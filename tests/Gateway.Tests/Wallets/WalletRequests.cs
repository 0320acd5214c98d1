using System.Net.Http.Json;

namespace GrainMarket.Gateway.Tests.Wallets;

/// <summary>Money-moving requests as a client sends them, with or without an <c>Idempotency-Key</c>.</summary>
public static class WalletRequests
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body, string? idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request, cancellationToken);
    }

    public static Task<HttpResponseMessage> CreditAsync(HttpClient admin, Guid userId, long amount, string? idempotencyKey, CancellationToken cancellationToken, string reason = "goodwill") =>
        PostAsync(admin, $"/api/admin/wallets/{userId}/credits", new { amount, reason }, idempotencyKey, cancellationToken);

    public static Task<HttpResponseMessage> WithdrawAsync(HttpClient user, long amount, string? idempotencyKey, CancellationToken cancellationToken) =>
        PostAsync(user, "/api/wallet/withdrawals", new { amount }, idempotencyKey, cancellationToken);

    public static Task<HttpResponseMessage> GetAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
    }
}
