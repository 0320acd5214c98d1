namespace GrainMarket.ApiGateway.ReadModels;

/// <summary>A cursor that is the id of the last item of the previous page (a user in a list ordered by something stable).</summary>
internal static class IdCursor
{
    /// <summary>False when <paramref name="text"/> is not an id; null text is no id (the first page).</summary>
    public static bool TryParse(string? text, out Guid? id)
    {
        id = null;
        if (text is null)
        {
            return true;
        }

        if (!Guid.TryParse(text, out var value))
        {
            return false;
        }

        id = value;
        return true;
    }
}
