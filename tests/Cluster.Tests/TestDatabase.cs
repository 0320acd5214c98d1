namespace GrainMarket.Cluster.Tests;

/// <summary>The test PostgreSQL from <c>GRAINMARKET_TEST_DB</c>; missing, it skips locally and fails on CI.</summary>
public static class TestDatabase
{
    public static string ConnectionString
    {
        get
        {
            var connectionString = Environment.GetEnvironmentVariable("GRAINMARKET_TEST_DB");
            if (!string.IsNullOrWhiteSpace(connectionString))
            {
                return connectionString;
            }

            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
            {
                throw new InvalidOperationException("GRAINMARKET_TEST_DB is not set but CI is: cluster tests must run on CI, not skip.");
            }

            Assert.Skip("GRAINMARKET_TEST_DB is not set");
            return string.Empty;
        }
    }
}
