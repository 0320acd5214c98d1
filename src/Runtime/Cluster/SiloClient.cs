using System.Net;
using System.Net.Http.Json;

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
