using Npgsql;
using NpgsqlTypes;

namespace GrainMarket.Ads;

/// <summary>
/// Keeps the <c>ad_opportunities</c> and <c>ad_engagements</c> read models (the open list, the seller's and the
/// advertiser's lists, the audit's escrow owners) in step with each opportunity, in the commit of its state. Only the
/// engagements changed since the previous store are written.
/// </summary>
public sealed class AdOpportunityProjection : IStateProjection<AdOpportunityState>
{
    private const string UpsertOpportunity = """
        INSERT INTO ad_opportunities (id, seller_id, title, category_id, budget, committed, spent, escrow, status, deadline, created_at, updated_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
        ON CONFLICT (id) DO UPDATE SET committed = excluded.committed, spent = excluded.spent, escrow = excluded.escrow,
            status = excluded.status, updated_at = excluded.updated_at
        """;

    private const string UpsertEngagement = """
        INSERT INTO ad_engagements (id, opportunity_id, seller_id, advertiser_id, status, proposed_amount, agreed_amount, paid, fee, rejections, created_at, updated_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
        ON CONFLICT (id) DO UPDATE SET status = excluded.status, agreed_amount = excluded.agreed_amount, paid = excluded.paid,
            fee = excluded.fee, rejections = excluded.rejections, updated_at = excluded.updated_at
        """;

    public void Project(StateProjectionContext context, AdOpportunityState? previous, AdOpportunityState state, ProjectionCommands commands)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(commands);
        if (state.Status is null)
        {
            return;
        }

        // A Guid-keyed grain's key is the Guid's "N" form.
        var id = Guid.ParseExact(context.GrainKey, "N");
        commands.Add(
            UpsertOpportunity,
            id,
            state.SellerId,
            state.Title,
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Uuid, Value = (object?)state.CategoryId ?? DBNull.Value },
            state.Budget,
            state.Committed,
            state.Spent,
            state.Escrow,
            state.Status,
            state.Deadline,
            state.CreatedAt,
            state.UpdatedAt);
        foreach (var engagement in state.Engagements.Where(e => previous?.Find(e.Id)?.UpdatedAt != e.UpdatedAt))
        {
            commands.Add(
                UpsertEngagement,
                engagement.Id,
                id,
                state.SellerId,
                engagement.AdvertiserId,
                engagement.Status,
                engagement.ProposedAmount,
                new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = (object?)engagement.AgreedAmount ?? DBNull.Value },
                engagement.Paid,
                engagement.Fee,
                engagement.Rejections,
                engagement.CreatedAt,
                engagement.UpdatedAt);
        }
    }
}
