using System.Security.Cryptography;

namespace GrainMarket.Accounts;

/// <summary>
/// PBKDF2 parameters: <c>GRAINMARKET_PASSWORD_PRF</c> (<c>sha256</c>, default, or <c>sha512</c>) and
/// <c>GRAINMARKET_PASSWORD_ITERATIONS</c> (default 600,000 for SHA-256 and 220,000 for SHA-512, OWASP's figures).
/// </summary>
public sealed record PasswordHashingOptions(string PrfName, int Iterations)
{
    public const int Sha256Iterations = 600_000;
    public const int Sha512Iterations = 220_000;

    public static PasswordHashingOptions Default { get; } = new("sha256", Sha256Iterations);

    public HashAlgorithmName Prf => PrfFor(PrfName) ?? throw new InvalidOperationException($"Unknown PBKDF2 function '{PrfName}': use sha256 or sha512.");

    public static HashAlgorithmName? PrfFor(string name) => name switch
    {
        "sha256" => HashAlgorithmName.SHA256,
        "sha512" => HashAlgorithmName.SHA512,
        _ => null,
    };

    public static PasswordHashingOptions From(string? prf, int? iterations)
    {
        var name = string.IsNullOrWhiteSpace(prf) ? "sha256" : prf.Trim().ToLowerInvariant();
        var options = new PasswordHashingOptions(name, iterations ?? (name == "sha512" ? Sha512Iterations : Sha256Iterations));
        _ = options.Prf;
        return options.Iterations >= 1_000
            ? options
            : throw new InvalidOperationException("GRAINMARKET_PASSWORD_ITERATIONS must be at least 1000.");
    }
}
