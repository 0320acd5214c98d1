using System.Collections.Concurrent;
using Npgsql;

namespace GrainMarket.Chaos;

/// <summary>
/// Ad deals in the chaos workload: a seller posts an opportunity of part of their money (seeded for it; half with a
/// deadline a few seconds ahead, which its reminder then closes), a buyer applies, the seller accepts at the proposed
/// amount, the buyer submits proof and the seller approves it (each approval also sent again with its key), or now and
/// then cancels instead. What was acknowledged is recorded for <see cref="CheckAsync"/>; the escrow of what stays open
/// is the audit's (<c>escrow-owned</c>).
/// </summary>
internal sealed class AdWorkload(Gateway gateway, IReadOnlyList<Actor> buyers, IReadOnlyList<Actor> sellers)
{
    private long _acknowledged;

    /// <summary>Approvals the client saw acknowledged: the opportunity and the agreed amount that left its escrow.</summary>
    public ConcurrentDictionary<Guid, (Guid OpportunityId, long Agreed)> Approved { get; } = new();

    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    public async Task StepAsync(Random random)
    {
        var seller = sellers[random.Next(sellers.Count)];
        var buyer = buyers[random.Next(buyers.Count)];
        // A quarter of what the seller has at most (seeded with ad funds), so that the escrow seldom stands in the way of their refunds.
        var (found, wallet) = await gateway.RetryAsync(random, HttpMethod.Get, "/api/wallet", null, seller.Token, null);
        var budget = found == 200 ? Math.Min(wallet.GetProperty("available").GetInt64() / 4, 2_000) : 0;
        if (budget < 100)
        {
            return;
        }

        var deadline = DateTimeOffset.UtcNow + (random.Next(2) == 0 ? TimeSpan.FromSeconds(5) : TimeSpan.FromHours(1));
        var (posted, opportunity) = await gateway.RetryAsync(random, HttpMethod.Post, "/api/ads/opportunities", new { title = "Chaos ad", brief = "Show it.", budget, deadline }, seller.Token, Guid.NewGuid().ToString());
        if (posted != 201)
        {
            return;
        }

        Interlocked.Increment(ref _acknowledged);
        var id = opportunity.GetProperty("id").GetGuid();
        var agreed = budget / 2;
        var (applied, view) = await gateway.RetryAsync(random, HttpMethod.Post, $"/api/ads/opportunities/{id}/applications", new { pitch = "Chaos reach.", proposedAmount = agreed }, buyer.Token, Guid.NewGuid().ToString());
        if (applied != 200)
        {
            return;
        }

        var engagement = view.GetProperty("engagements")[0].GetProperty("id").GetGuid();
        var step = $"/api/ads/opportunities/{id}/engagements/{engagement}";
        if ((await gateway.RetryAsync(random, HttpMethod.Post, $"{step}/accept", new { agreedAmount = agreed }, seller.Token, null)).Status != 200
            || (await gateway.RetryAsync(random, HttpMethod.Post, $"{step}/proof", new { link = "https://chaos.example/post", stats = new { views = 1 } }, buyer.Token, null)).Status != 200)
        {
            return;
        }

        if (random.Next(10) == 0)
        {
            await gateway.RetryAsync(random, HttpMethod.Post, $"/api/ads/opportunities/{id}/cancel", null, seller.Token, null);
            return;
        }

        var key = Guid.NewGuid().ToString();
        if ((await gateway.RetryAsync(random, HttpMethod.Post, $"{step}/approve", null, seller.Token, key)).Status == 200)
        {
            Approved.TryAdd(engagement, (id, agreed));
            Interlocked.Increment(ref _acknowledged);
            await gateway.SendAsync(random, HttpMethod.Post, $"{step}/approve", null, seller.Token, key);
        }
    }

    /// <summary>
    /// Every acknowledged approval took exactly its agreed amount out of its seller's escrow, once: the CAPTURE entries
    /// under the opportunity's reference add up to the agreed amounts approved. Adds what differs to
    /// <paramref name="problems"/>; returns (lost, duplicated).
    /// </summary>
    public async Task<(long Lost, long Duplicated)> CheckAsync(NpgsqlDataSource db, List<string> problems)
    {
        long lost = 0;
        long duplicated = 0;
        foreach (var (opportunityId, approvals) in Approved.Values.GroupBy(a => a.OpportunityId).Select(g => (g.Key, g.Sum(a => a.Agreed))))
        {
            await using var command = db.CreateCommand("SELECT coalesce(sum(amount), 0)::bigint FROM ledger_entries WHERE type = 'CAPTURE' AND reference = $1");
            command.Parameters.Add(new NpgsqlParameter { Value = $"ad:{opportunityId:N}" });
            var captured = (long)(await command.ExecuteScalarAsync())!;
            if (captured != approvals)
            {
                if (captured < approvals)
                {
                    lost++;
                }
                else
                {
                    duplicated++;
                }

                problems.Add($"ad opportunity {opportunityId}: approvals of {approvals} acknowledged, {captured} captured from its escrow");
            }
        }

        return (lost, duplicated);
    }
}
