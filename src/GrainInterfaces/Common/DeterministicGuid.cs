using System.Security.Cryptography;
using System.Text;

namespace GrainMarket.Common;

/// <summary>Ids derived from names, so that a retried command reaches the same grain or operation.</summary>
public static class DeterministicGuid
{
    /// <summary>An RFC 9562 version 8 (custom) id from the SHA-256 of <paramref name="name"/>.</summary>
    public static Guid From(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
