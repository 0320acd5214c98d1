using GrainMarket.Persistence.PostgreSql;

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

    public void Project(StateProjectionContext context, BalanceState? previous, BalanceState state, ProjectionCommands commands) =>
        commands.Add(
            """
            INSERT INTO test_balances (grain_id, amount) VALUES ($1, $2)
            ON CONFLICT (grain_id) DO UPDATE SET amount = EXCLUDED.amount
            """,
            context.GrainId.ToString(),
            state.Amount);
}
