using GrainMarket.Persistence.PostgreSql;
using Npgsql;

namespace GrainMarket.Persistence.Tests.TransactionalStorage;

/// <summary>
/// Projects a committed <see cref="BalanceState"/> into <c>test_balances</c>, whose CHECK refuses a negative
/// amount: a way for a test to make the server refuse one store.
/// </summary>
public sealed class BalanceProjection : ITransactionalStateProjection<BalanceState>
{
    public const string CreateTableSql = """
        CREATE TABLE IF NOT EXISTS test_balances (
            grain_id    text PRIMARY KEY,
            amount      bigint NOT NULL CHECK (amount >= 0),
            sequence_id bigint NOT NULL
        )
        """;

    public void Project(TransactionalStateProjectionContext context, BalanceState previous, BalanceState committed, IList<NpgsqlBatchCommand> commands)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO test_balances (grain_id, amount, sequence_id) VALUES ($1, $2, $3)
            ON CONFLICT (grain_id) DO UPDATE SET amount = EXCLUDED.amount, sequence_id = EXCLUDED.sequence_id
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = context.GrainId.ToString() });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = committed.Amount });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = context.CommittedSequenceId });
        commands.Add(command);
    }
}
