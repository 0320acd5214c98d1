using System.Net;
using System.Net.Http.Json;
using GrainMarket.Runtime.Transactions;

namespace GrainMarket.Runtime.Cluster;

/// <summary>Calls other silos over HTTP/2 without TLS (prior knowledge), one multiplexed connection pool per silo.</summary>
internal sealed class SiloClient : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        EnableMultipleHttp2Connections = true,
        ConnectTimeout = TimeSpan.FromSeconds(2),
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
    })
    {
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public async Task<SiloCallResponse> CallAsync(SiloInfo silo, SiloCallRequest request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        using var response = await _http.PostAsJsonAsync(new Uri(silo.Endpoint, "silo/call"), request, SiloJsonContext.Default.SiloCallRequest, limit.Token);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync(SiloJsonContext.Default.SiloCallResponse, limit.Token)
            ?? throw new HttpRequestException($"Silo {silo.SiloId} sent an empty response.");
    }

    public async Task<RemoteVotes> PrepareAsync(SiloInfo silo, Guid transactionId, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsync(new Uri(silo.Endpoint, $"silo/tx/{transactionId}/prepare"), content: null, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync(SiloJsonContext.Default.RemoteVotes, cancellationToken)
            ?? throw new HttpRequestException($"Silo {silo.SiloId} sent no votes for transaction {transactionId}.");
    }

    public async Task DecideAsync(SiloInfo silo, TransactionDecision decision, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync(new Uri(silo.Endpoint, "silo/tx/decide"), decision, SiloJsonContext.Default.TransactionDecision, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async Task WoundAsync(SiloInfo silo, Guid transactionId, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsync(new Uri(silo.Endpoint, $"silo/tx/{transactionId}/wound"), content: null, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async Task<bool> PingAsync(SiloInfo silo, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.GetAsync(new Uri(silo.Endpoint, "silo/ping"), cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    public async Task<Dictionary<string, string>> GetManifestAsync(SiloInfo silo, CancellationToken cancellationToken) =>
        await _http.GetFromJsonAsync(new Uri(silo.Endpoint, "silo/manifest"), SiloJsonContext.Default.DictionaryStringString, cancellationToken)
        ?? [];

    public void Dispose() => _http.Dispose();
}
