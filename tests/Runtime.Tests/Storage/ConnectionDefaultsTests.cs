using GrainMarket.Runtime.Hosting;
using Npgsql;
using Xunit;

namespace GrainMarket.Runtime.Tests.Storage;

public sealed class ConnectionDefaultsTests
{
    [Fact]
    public void A_connection_string_that_names_no_pool_size_gets_the_runtimes_pool_and_statement_preparation()
    {
        var applied = new NpgsqlConnectionStringBuilder(GrainRuntimeBuilder.WithRuntimeDefaults("Host=db;Username=gm"));

        Assert.Equal(GrainRuntimeBuilder.DefaultMaxPoolSize, applied.MaxPoolSize);
        Assert.Equal(32, applied.MaxAutoPrepare);
        Assert.True(applied.NoResetOnClose);
        Assert.Equal("db", applied.Host);
    }

    [Theory]
    [InlineData("Host=db;Maximum Pool Size=100", 100)]
    [InlineData("Host=db;MaxPoolSize=7", 7)]
    [InlineData("Host=db;maximum pool size=250", 250)]
    public void A_pool_size_the_connection_string_names_is_kept(string connectionString, int expected)
    {
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(GrainRuntimeBuilder.WithRuntimeDefaults(connectionString)).MaxPoolSize);
    }

    [Fact]
    public void A_connection_string_that_asks_for_resets_keeps_them()
    {
        Assert.False(new NpgsqlConnectionStringBuilder(GrainRuntimeBuilder.WithRuntimeDefaults("Host=db;No Reset On Close=false")).NoResetOnClose);
    }
}
