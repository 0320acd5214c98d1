using NpgsqlTypes;

namespace GrainMarket.Brands;

/// <summary>Keeps the <c>brands</c> read model (the public list, sellers' own lists, the admins' queue, profiles) in step with each brand, in the same PostgreSQL transaction as its commit.</summary>
public sealed class BrandProjection : IStateProjection<BrandState>
{
    private const string UpsertSql = """
        INSERT INTO brands (id, seller_id, name, name_key, description, logo_url, status, rejection_reason, created_at, decided_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
        ON CONFLICT (id) DO UPDATE SET status = excluded.status, rejection_reason = excluded.rejection_reason, decided_at = excluded.decided_at
        """;

    public void Project(StateProjectionContext context, BrandState? previous, BrandState state, ProjectionCommands commands)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(commands);
        if (state.Status is null)
        {
            return;
        }

        commands.Add(
            UpsertSql,
            context.GrainId.GetGuidKey(),
            state.SellerId,
            state.Name,
            BrandNames.Key(state.Name),
            ProjectionCommands.Typed(state.Description, NpgsqlDbType.Text),
            ProjectionCommands.Typed(state.LogoUrl, NpgsqlDbType.Text),
            state.Status,
            ProjectionCommands.Typed(state.RejectionReason, NpgsqlDbType.Text),
            state.CreatedAt,
            ProjectionCommands.Typed(state.DecidedAt, NpgsqlDbType.TimestampTz));
    }
}
