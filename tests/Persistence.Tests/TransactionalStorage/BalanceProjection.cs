using GrainMarket.Persistence.PostgreSql;
using Npgsql;

namespace GrainMarket.Persistence.Tests.TransactionalStorage;

/// <summary>
/// Projects a stored <see cref="BalanceState"/> into <c>test_balances</c>, whose CHECK refuses a negative
/// amount: a way for a test to make the server refuse one store.
/// </summary>
public sealed class BalanceProjection : IStateProjection<BalanceState>
{
    public const string CreateTableSql = """
        CREATE TABLE IF NOT EXISTS test_balances (
            grain_id text PRIMARY KEY,
            amount   bigint NOT NULL CHECK (amount >= 0)
        )
        """;

    public void Project(StateProjectionContext context, BalanceState? previous, BalanceState state, IList<NpgsqlBatchCommand> commands)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO test_balances (grain_id, amount) VALUES ($1, $2)
            ON CONFLICT (grain_id) DO UPDATE SET amount = EXCLUDED.amount
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = context.GrainId.ToString() });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = state.Amount });
        commands.Add(command);
    }
}
