using GrainMarket.Runtime.Serialization;
using GrainMarket.Runtime.Storage;

namespace GrainMarket.Runtime.Tests.Storage;

public sealed class PostgresGrainStorageTests : GrainStorageTests
{
    protected override async Task<IGrainStorage> CreateStorageAsync(CancellationToken cancellationToken) =>
        new PostgresGrainStorage(await TestDatabase.GetDataSourceAsync(cancellationToken), new GrainJsonOptions());
}
