using GrainMarket.Runtime.Serialization;
using GrainMarket.Runtime.Storage;

namespace GrainMarket.Runtime.Tests.Storage;

public sealed class MemoryGrainStorageTests : GrainStorageTests
{
    protected override Task<IGrainStorage> CreateStorageAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IGrainStorage>(new MemoryGrainStorage(new GrainJsonOptions()));
}
