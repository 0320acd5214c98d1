using System.Globalization;

namespace GrainMarket.ApiGateway.ReadModels;

/// <summary>
/// A cursor that is a position in a list (a ledger sequence, a bid's sequence, an identity column): a whole number in
/// plain digits. <see cref="PageCursor"/> is the one for lists ordered by time.
/// </summary>
internal static class PositionCursor
{
    /// <summary>False when <paramref name="text"/> is not plain digits; null text is no position (the first page).</summary>
    public static bool TryParse(string? text, out long? position)
    {
        position = null;
        if (text is null)
        {
            return true;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        position = value;
        return true;
    }
}
