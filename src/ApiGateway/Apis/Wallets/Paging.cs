using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.ReadModels;
using GrainMarket.Common;

namespace GrainMarket.ApiGateway.Apis.Wallets;

/// <summary>The <c>limit</c> and <c>cursor</c> of a list: 1 to <see cref="MaxPageSize"/>, and a position from a previous page.</summary>
internal static class Paging
{
    public const int DefaultPageSize = 50;

    public const int MaxPageSize = 200;

    /// <summary>Reads both from the query string as text, so that a malformed one is a 400 naming it rather than a binding failure.</summary>
    public static DomainError? Check(string? limit, string? cursor, out int size, out long? before)
    {
        before = null;
        if (Validation.PageSize(limit, "limit", DefaultPageSize, MaxPageSize, out size) is { } invalid)
        {
            return invalid;
        }

        return PositionCursor.TryParse(cursor, out before) && before is null or > 0
            ? null
            : DomainError.Invalid("cursor", "must be the next of a previous page");
    }
}
