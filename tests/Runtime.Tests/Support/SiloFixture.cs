namespace GrainMarket.Runtime.Tests.Support;

/// <summary>One in-memory silo shared by a test class; tests use fresh grain keys.</summary>
public sealed class SiloFixture : IAsyncLifetime
{
    private TestSilo? _silo;

    public TestSilo Silo => _silo ?? throw new InvalidOperationException("The silo has not started.");

    public IGrainFactory GrainFactory => Silo.GrainFactory;

    public async ValueTask InitializeAsync() => _silo = await TestSilo.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }
}
