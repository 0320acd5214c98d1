using System.Data;

namespace GrainMarket.Persistence.Tests;

/// <summary>
/// A named parameter typed the way Orleans' DbExtensions types it from the CLR type: a string as DbType.String (text),
/// an int as Int32 (integer), a long as Int64 (bigint), a UTC DateTime as DateTime (timestamptz), a byte[] as Binary.
/// </summary>
public sealed record QueryParameter(string Name, DbType Type, object? Value)
{
    public static QueryParameter Text(string name, string? value) => new(name, DbType.String, value);

    public static QueryParameter Number(string name, int? value) => new(name, DbType.Int32, value);

    public static QueryParameter BigNumber(string name, long value) => new(name, DbType.Int64, value);

    public static QueryParameter Time(string name, DateTime utc) => new(name, DbType.DateTime, utc);

    public static QueryParameter Bytes(string name, byte[] value) => new(name, DbType.Binary, value);
}
