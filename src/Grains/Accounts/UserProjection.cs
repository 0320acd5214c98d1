using Npgsql;
using NpgsqlTypes;

namespace GrainMarket.Accounts;

/// <summary>Keeps the <c>users</c> table (the admins' list) and the e-mail outbox in step with each account.</summary>
public sealed class UserProjection : IStateProjection<UserState>
{
    private const string UpsertUser = """
        INSERT INTO users (id, email, display_name, roles, active_role, blocked, created_at, username, updated_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
        ON CONFLICT (id) DO UPDATE SET email = excluded.email, display_name = excluded.display_name, roles = excluded.roles,
            active_role = excluded.active_role, blocked = excluded.blocked, username = excluded.username, updated_at = now()
        """;

    private const string InsertEmail = """
        INSERT INTO email_outbox (id, recipient, subject, body, created_at, kind, html_body) VALUES ($1, $2, $3, $4, $5, $6, $7)
        ON CONFLICT (id) DO NOTHING
        """;

    /// <summary>
    /// <paramref name="previous"/> is always null (a persistent state); <paramref name="state"/> is the grain's live
    /// state, whose unstored <see cref="UserState.Outbox"/> holds the e-mails of the command being written.
    /// </summary>
    public void Project(StateProjectionContext context, UserState? previous, UserState state, ProjectionCommands commands)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(commands);
        commands.Add(
            UpsertUser,
            Guid.Parse(context.GrainKey),
            state.Email,
            state.DisplayName,
            new NpgsqlParameter { Value = state.Roles.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
            state.ActiveRole,
            state.Blocked,
            state.CreatedAt,
            new NpgsqlParameter { Value = (object?)state.Username ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        foreach (var email in state.Outbox)
        {
            commands.Add(InsertEmail, email.Id, email.To, email.Subject, email.Body, email.CreatedAt, email.Kind, (object?)email.Html ?? DBNull.Value);
        }
    }
}
