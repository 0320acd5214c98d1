using GrainMarket.ApiGateway.ReadModels;
using Npgsql;

namespace GrainMarket.ApiGateway.Media;

/// <summary>
/// The <c>media</c> table: who uploaded which object, when. Written straight from the gateway: an upload is a file and
/// its record, with no grain state to keep consistent and no cross-grain change (docs/media.md). Without a database
/// (the in-memory mode) nothing is recorded.
/// </summary>
public sealed class MediaRecords(ReadModelDatabase database)
{
    /// <summary>Records that <paramref name="ownerId"/> uploaded <paramref name="key"/>; a repeat of the same upload records nothing more.</summary>
    public async Task RecordAsync(Guid ownerId, string key, ProcessedImage image, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (!database.IsAvailable)
        {
            return;
        }

        await using var command = database.DataSource.CreateCommand("""
            INSERT INTO media (owner_id, key, content_type, bytes, width, height) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (owner_id, key) DO NOTHING
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = ownerId });
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        command.Parameters.Add(new NpgsqlParameter { Value = image.Format.ContentType });
        command.Parameters.Add(new NpgsqlParameter { Value = (long)image.Bytes.Length });
        command.Parameters.Add(new NpgsqlParameter { Value = image.Width });
        command.Parameters.Add(new NpgsqlParameter { Value = image.Height });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
