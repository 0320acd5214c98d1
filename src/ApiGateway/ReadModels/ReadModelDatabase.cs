using GrainMarket.Common;
using Npgsql;

namespace GrainMarket.ApiGateway.ReadModels;

/// <summary>
/// The PostgreSQL read models (search, lists, reports) that the grains keep in step with their state. In the
/// --in-memory mode there are none, and endpoints that need them answer 503 with code
/// <see cref="ErrorCodes.ReadModelUnavailable"/>.
/// </summary>
public sealed class ReadModelDatabase(NpgsqlDataSource? dataSource)
{
    public bool IsAvailable => dataSource is not null;

    public NpgsqlDataSource DataSource => dataSource ?? throw new ReadModelUnavailableException();
}
