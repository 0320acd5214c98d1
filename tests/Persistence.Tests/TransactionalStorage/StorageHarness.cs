using System.Net;
using GrainMarket.Persistence.PostgreSql;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Transactions.Abstractions;

namespace GrainMarket.Persistence.Tests.TransactionalStorage;

/// <summary>
/// The transactional storage without a silo: a <see cref="StateTable"/> as one silo would have it,
/// and storages of <see cref="BalanceState"/> built the way the factory builds them.
/// </summary>
internal sealed class StorageHarness : IAsyncDisposable
{
    public const string ClusterId = "storage-tests";
    public const string StateName = "balance";

    private readonly Serializer _serializer;

    public StorageHarness(string connectionString, Serializer serializer, int maxConcurrentBatches, bool fenceDeadSilo, int siloPort)
    {
        _serializer = serializer;
        Silo = SiloAddress.New(IPAddress.Loopback, siloPort, 7);
        Table = new StateTable(
            Options.Create(new PostgresStorageOptions
            {
                ConnectionString = connectionString,
                MaxConcurrentBatches = maxConcurrentBatches,
                FenceDeadSilo = fenceDeadSilo,
            }),
            Options.Create(new ClusterOptions { ClusterId = ClusterId, ServiceId = "storage-tests-service" }),
            new SiloDetails(Silo),
            NullLogger<StateTable>.Instance);
    }

    public SiloAddress Silo { get; }

    public StateTable Table { get; }

    public static GrainId NewGrainId() => GrainId.Create("gm-tests-account", Guid.NewGuid().ToString("N"));

    public ITransactionalStateStorage<BalanceState> Storage(GrainId grainId, IStateProjection<BalanceState>? projection = null) =>
        new PostgresTransactionalStateStorage<BalanceState>(Table, _serializer, grainId, StateName, projection);

    public static PendingTransactionState<BalanceState> Prepared(long sequenceId, long amount) => new()
    {
        SequenceId = sequenceId,
        TransactionId = Guid.NewGuid().ToString(),
        TimeStamp = new DateTime(2026, 12, 3, 12, 0, 0, DateTimeKind.Utc).AddSeconds(sequenceId),
        State = new BalanceState { Amount = amount },
    };

    public ValueTask DisposeAsync() => Table.DisposeAsync();

    private sealed class SiloDetails(SiloAddress address) : ILocalSiloDetails
    {
        public string Name => "storage-test-silo";

        public string ClusterId => StorageHarness.ClusterId;

        public string DnsHostName => "localhost";

        public SiloAddress SiloAddress => address;

        public SiloAddress GatewayAddress => address;
    }
}
