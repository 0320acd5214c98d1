using GrainMarket.Runtime.Metadata;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GrainMarket.Runtime.Cluster;

/// <summary>
/// A process that calls grains without hosting any (the gateway): it reads membership from PostgreSQL, learns
/// which grain type implements which interface from a silo's manifest, and sends each call straight to the silo
/// that owns the grain, retrying only failures that certainly did not run the call.
/// </summary>
internal sealed partial class ClusterClient(
    MembershipTable table,
    MembershipView view,
    SiloClient client,
    RemoteInvoker remote,
    IOptions<ClusterOptions> options,
    ILogger<ClusterClient> logger) : BackgroundService, IClusterClient, IGrainCallInvoker
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);
    private volatile Dictionary<string, string> _manifest = [];
    private GrainReferenceFactory? _references;

    public MembershipView Membership => view;

    private GrainReferenceFactory References => _references ??= new GrainReferenceFactory(type =>
    {
        if (!_manifest.TryGetValue(type.FullName!, out var grainType))
        {
            throw new InvalidOperationException($"No active silo has announced a grain class for {type.FullName} yet.");
        }

        var descriptor = GrainTypeManager.DescribeInterface(type);
        var create = GrainReferenceEmitter.CreateFactory(type, [.. descriptor.Methods.Select(m => m.InterfaceMethod)]);
        return (new GrainReferenceShared(this, descriptor, grainType, grainClass: null), create);
    });

    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey) where TGrainInterface : IGrainWithStringKey => References.GetGrain<TGrainInterface>(primaryKey);

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey) where TGrainInterface : IGrainWithGuidKey => References.GetGrain<TGrainInterface>(primaryKey);

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey) where TGrainInterface : IGrainWithIntegerKey => References.GetGrain<TGrainInterface>(primaryKey);

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId) where TGrainInterface : IGrain => References.GetGrain<TGrainInterface>(grainId);

    Task<T> IGrainCallInvoker.InvokeAsync<T>(GrainReferenceShared shared, GrainId target, int methodIndex, object?[] arguments) =>
        remote.InvokeAsync<T>(target, shared.Interface, shared.Interface.Methods[methodIndex], arguments, chain: null, CallTimeout, localSiloId: null, local: null);

    /// <summary>Reads membership now and waits until a silo is active and has sent its manifest.</summary>
    public async Task ConnectAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        while (true)
        {
            try
            {
                if (await RefreshAsync(limit.Token))
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is Npgsql.NpgsqlException or HttpRequestException)
            {
                // No silo has created the schema yet, or the first silo is not answering yet: keep waiting.
            }

            await Task.Delay(100, limit.Token);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.HeartbeatPeriod);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogRefreshFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        var (version, silos) = await table.ReadAsync(options.Value.ClusterId, cancellationToken);
        view.Update(version, silos);
        if (_manifest.Count == 0 && view.ActiveSilos is [var silo, ..])
        {
            _manifest = await client.GetManifestAsync(silo, cancellationToken);
        }

        return _manifest.Count > 0 && view.ActiveSilos.Count > 0;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading cluster membership failed")]
    private partial void LogRefreshFailed(Exception exception);
}
