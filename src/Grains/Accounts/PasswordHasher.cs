using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace GrainMarket.Accounts;

/// <summary>
/// PBKDF2 password hashes with a per-user 16-byte salt, stored as <c>pbkdf2$sha256$600000$salt$hash</c> so that a
/// hash made under older parameters is recognised and replaced at the next successful login. The default is
/// OWASP's current figure, HMAC-SHA256 at 600,000 iterations (ASP.NET Core Identity's 100,000 is below it).
/// </summary>
public sealed class PasswordHasher(PasswordHashingOptions options)
{
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    private long _derivations;

    /// <summary>
    /// How many key derivations this silo has run: the expensive work of every registration, login and password
    /// change. Answers that must not tell whether an account exists do the same number of them either way.
    /// </summary>
    public long Derivations => Interlocked.Read(ref _derivations);

    public string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Derive(password, salt, options.Prf, options.Iterations);
        return string.Join('$', "pbkdf2", options.PrfName, options.Iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    /// <summary>Checks a password in constant time; <paramref name="needsRehash"/> says the hash used other parameters than today's.</summary>
    public bool Verify(string password, string stored, out bool needsRehash)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(stored);
        needsRehash = false;
        var parts = stored.Split('$');
        if (parts is not ["pbkdf2", var prfName, var iterationText, var saltText, var hashText]
            || PasswordHashingOptions.PrfFor(prfName) is not { } prf
            || !int.TryParse(iterationText, NumberStyles.None, CultureInfo.InvariantCulture, out var iterations))
        {
            // No hash at all (an account made by an external sign-in has no password): as slow as a wrong password,
            // so a login's time does not tell which addresses have password-less accounts.
            VerifyNothing(password);
            return false;
        }

        var expected = Convert.FromBase64String(hashText);
        var actual = Derive(password, Convert.FromBase64String(saltText), prf, iterations);
        if (!CryptographicOperations.FixedTimeEquals(expected, actual))
        {
            return false;
        }

        needsRehash = prfName != options.PrfName || iterations != options.Iterations;
        return true;
    }

    /// <summary>Spends the time of one verification, so that an unknown account answers as slowly as a wrong password.</summary>
    public void VerifyNothing(string password) => Derive(password ?? "", new byte[SaltBytes], options.Prf, options.Iterations);

    private byte[] Derive(string password, byte[] salt, HashAlgorithmName prf, int iterations)
    {
        Interlocked.Increment(ref _derivations);
        return Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, prf, HashBytes);
    }
}
