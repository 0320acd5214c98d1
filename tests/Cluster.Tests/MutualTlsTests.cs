using System.Security.Cryptography.X509Certificates;
using GrainMarket.Cluster.TestGrains;
using Orleans.Connections.Security;
using Orleans.Hosting;

namespace GrainMarket.Cluster.Tests;

/// <summary>
/// Silos with <c>GRAINMARKET_TLS_CERTIFICATE</c> and <c>GRAINMARKET_TLS_CA</c>: their silo and gateway ports answer only
/// peers whose certificate chains to the cluster's authority (issue #24, item 1).
/// </summary>
public sealed class MutualTlsTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(45);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_mutual_TLS_calls_cross_silos_and_a_client_without_a_certificate_of_the_cluster_authority_cannot_connect()
    {
        using var authority = TestAuthority.Create("cluster");
        using var foreign = TestAuthority.Create("foreign");
        using var clientCertificate = authority.Issue("test-client");
        using var foreignCertificate = foreign.Issue("foreign-client");
        await using var cluster = await TestCluster.StartAsync(2, authority.SettingsFor, Tls(clientCertificate, authority), Ct);

        // A grain on silo-0 calls a ledger on silo-1: silo-to-silo traffic goes over TLS.
        var ledger = cluster.Client.GetGrain<ILedgerGrain>($"ledger-{Guid.NewGuid():N}");
        await cluster.PlaceOnAsync(cluster.Silos[1], ledger, async l => Assert.Equal(cluster.Silos[1].Name, await l.WhereAsync()), Ct);
        var relay = cluster.Client.GetGrain<IRelayGrain>($"relay-{Guid.NewGuid():N}");
        await cluster.PlaceOnAsync(cluster.Silos[0], relay, async r => Assert.Equal(cluster.Silos[0].Name, await r.StartAsync(ledger.GetPrimaryKeyString())), Ct);
        await WaitUntilAsync(async () => (await ledger.GetAsync()).Total > 0, "the relay on silo-0 never reached the ledger on silo-1");

        // The standalone gateway, an Orleans client with the cluster's settings, connects: it is ready.
        var gatewaySettings = authority.SettingsFor("gateway");
        gatewaySettings["GRAINMARKET_DB"] = cluster.ConnectionString;
        gatewaySettings["GRAINMARKET_CLUSTER_ID"] = cluster.ClusterId;
        await using var gateway = SiloProcess.Start("gateway", gatewaySettings, cluster.LogFolder, project: "ApiGateway");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{gateway.HttpPort}") };
        await WaitUntilAsync(async () => await IsReadyAsync(http), "the standalone gateway with a certificate of the cluster's authority never became ready");

        // A plain client, and one whose certificate another authority issued (it trusts the silos' own), are refused.
        await AssertRefusedAsync(cluster, _ => { }, "a client without a certificate");
        await AssertRefusedAsync(cluster, Tls(foreignCertificate, authority), "a client with a certificate of another authority");
    }

    [Fact]
    public async Task A_silo_with_a_certificate_of_another_authority_cannot_join_the_cluster()
    {
        using var authority = TestAuthority.Create("cluster");
        using var foreign = TestAuthority.Create("foreign");
        using var clientCertificate = authority.Issue("test-client");
        await using var cluster = await TestCluster.StartAsync(1, authority.SettingsFor, Tls(clientCertificate, authority), Ct);

        // It trusts the cluster's authority, so only the silos' refusal of its own certificate keeps it out.
        var settings = foreign.SettingsFor("intruder");
        settings["GRAINMARKET_TLS_CA"] = authority.AuthorityPath;
        var intruder = cluster.StartSilo("intruder", settings);

        // A joining silo pings every active silo before it may become active; it keeps trying for minutes, so the test
        // stops at its first failed round (or when it became active after all, which fails the test).
        await WaitUntilAsync(
            async () => intruder.ReadLog().Contains("Failed to get ping responses", StringComparison.Ordinal) || await StatusAsync(cluster, intruder) == SiloStatus.Active,
            "the intruder neither failed its connectivity check nor became active");

        Assert.NotEqual(SiloStatus.Active, await StatusAsync(cluster, intruder));
        Assert.Equal(1, (await cluster.MembersAsync(Ct)).Count(m => m.Status == SiloStatus.Active));
    }

    /// <summary>A client presenting <paramref name="certificate"/> that accepts only silos whose certificate chains to <paramref name="trusted"/>.</summary>
    private static Action<IClientBuilder> Tls(X509Certificate2 certificate, TestAuthority trusted) => client => client.UseTls(options =>
    {
        options.LocalCertificate = certificate;
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.RemoteCertificateValidation = (remote, _, _) =>
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(trusted.Certificate);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(remote);
        };
    });

    /// <summary>
    /// Starts another client of the cluster and waits until a silo's TLS layer refuses one of its connections (Orleans'
    /// "Authentication failed"); the client has not connected by then. Its start, which would go on retrying, is cancelled.
    /// </summary>
    private static async Task AssertRefusedAsync(TestCluster cluster, Action<IClientBuilder> configure, string who)
    {
        var refusalsBefore = Refusals(cluster);
        var client = ClusterClientHost.Build(cluster.ConnectionString, cluster.ClusterId, TestCluster.Heartbeat * 2, configure);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var start = client.StartAsync(stop.Token);
        try
        {
            await WaitUntilAsync(() => Task.FromResult(start.IsCompleted || Refusals(cluster) > refusalsBefore), $"the silos neither refused {who} nor did its start end");

            Assert.False(start.IsCompletedSuccessfully, $"{who} connected to the silos' gateway");
            Assert.True(Refusals(cluster) > refusalsBefore, $"{who} failed to start without a refusal by the silos: {start.Exception}");
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await start;
            }
            catch (OperationCanceledException)
            {
                // The start that was still retrying, cancelled.
            }

            await ClusterClientHost.StopAsync(client);
        }
    }

    /// <summary>How many connections the silos' TLS layer has refused so far, by their logs.</summary>
    private static int Refusals(TestCluster cluster) =>
        cluster.Silos.Sum(silo => silo.ReadLog().Split("Authentication failed").Length - 1);

    private static async Task<bool> IsReadyAsync(HttpClient http)
    {
        try
        {
            using var response = await http.GetAsync(new Uri("/readyz", UriKind.Relative), Ct);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            // Not listening yet.
            return false;
        }
    }

    private static async Task<SiloStatus?> StatusAsync(TestCluster cluster, SiloProcess silo) =>
        (await cluster.MembersAsync(Ct)).SingleOrDefault(m => m.Address.Endpoint.Port == silo.SiloPort)?.Status;

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string failure)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        limit.CancelAfter(Limit);
        try
        {
            while (!await condition())
            {
                await Task.Delay(200, limit.Token);
            }
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            Assert.Fail($"{failure} within {Limit.TotalSeconds} s");
        }
    }
}
