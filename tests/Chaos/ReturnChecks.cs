using Npgsql;

namespace GrainMarket.Chaos;

/// <summary>
/// After the quiet period: every return the client saw acknowledged exists and stands at least where it was seen, a
/// refunded one with exactly one refund of its value in its buyer's ledger (nothing refunded twice, nothing lost). Money
/// and stock conservation with returns are the audit's (<see cref="Checks"/>).
/// </summary>
internal static class ReturnChecks
{
    private static readonly string[] Steps = ["requested", "approved", "picked-up", "received", "inspected"];

    /// <summary>Adds what it finds to <paramref name="problems"/>; returns (lost, duplicated).</summary>
    public static async Task<(long Lost, long Duplicated)> RunAsync(Gateway gateway, Seed seed, ReturnWorkload returns, NpgsqlDataSource db, List<string> problems)
    {
        var random = new Random(3);
        long lost = 0;
        long duplicated = returns.Duplicated;
        foreach (var acked in returns.Returns.Values)
        {
            var (found, body) = await gateway.RetryAsync(random, HttpMethod.Get, $"/api/returns/{acked.Id}", null, seed.Admin.Token, null);
            var actual = found == 200 ? body.GetProperty("status").GetString() : null;
            if (actual is null || (Final(acked.Status) && actual != acked.Status) || Rank(actual) < Rank(acked.Status))
            {
                lost++;
                problems.Add($"return {acked.Id}: acknowledged {acked.Status}, now {actual ?? $"HTTP {found}"}");
                continue;
            }

            await using var command = db.CreateCommand("SELECT count(*), coalesce(sum(amount), 0)::bigint FROM ledger_entries WHERE type = 'REFUND' AND reference = $1");
            command.Parameters.Add(new NpgsqlParameter { Value = $"return:{acked.Id:N}" });
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            var (entries, refunded) = (reader.GetInt64(0), reader.GetInt64(1));
            var value = body.GetProperty("value").GetInt64();
            var expected = actual == "refunded" ? value : 0;
            if (refunded != expected)
            {
                (refunded > expected ? ref duplicated : ref lost)++;
                problems.Add($"return {acked.Id} is {actual} (value {value}), but its buyer was refunded {refunded} in {entries} entries");
            }
        }

        return (lost, duplicated);
    }

    private static bool Final(string status) => status is "refunded" or "replaced" or "closed" or "rejected";

    private static int Rank(string status) => Final(status) ? Steps.Length : Array.IndexOf(Steps, status);
}
