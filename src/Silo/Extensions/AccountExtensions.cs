using GrainMarket.Accounts;

namespace GrainMarket.Silo.Extensions;

public static class AccountExtensions
{
    /// <summary>
    /// The account grains' services: PBKDF2 parameters (<c>GRAINMARKET_PASSWORD_PRF</c>,
    /// <c>GRAINMARKET_PASSWORD_ITERATIONS</c>), sessions kept per account (<c>GRAINMARKET_MAX_SESSIONS</c>, default 20), the seconds in which a just-spent refresh token
    /// still rotates (two tabs refreshing at once: <c>GRAINMARKET_REFRESH_GRACE_SECONDS</c>, default 20), and the first admin from
    /// <c>GRAINMARKET_ADMIN_EMAIL</c> / <c>GRAINMARKET_ADMIN_PASSWORD</c>, created at start-up if missing (outside Development
    /// the password must be strong: at least 12 characters, not a common one).
    /// </summary>
    public static WebApplicationBuilder AddGrainMarketAccounts(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.Services.AddSingleton(PasswordHashingOptions.From(configuration["GRAINMARKET_PASSWORD_PRF"], configuration.GetValue<int?>("GRAINMARKET_PASSWORD_ITERATIONS")));
        builder.Services.AddSingleton<PasswordHasher>();
        builder.Services.AddSingleton(new AccountSettings
        {
            MaxSessions = configuration.GetValue<int?>("GRAINMARKET_MAX_SESSIONS") ?? 20,
            RefreshReuseGrace = TimeSpan.FromSeconds(configuration.GetValue<double?>("GRAINMARKET_REFRESH_GRACE_SECONDS") ?? 20),
        });
        if (configuration["GRAINMARKET_ADMIN_EMAIL"] is { Length: > 0 } email)
        {
            var password = configuration["GRAINMARKET_ADMIN_PASSWORD"];
            if (string.IsNullOrEmpty(password) || password.Length < 8)
            {
                throw new InvalidOperationException("GRAINMARKET_ADMIN_EMAIL needs GRAINMARKET_ADMIN_PASSWORD (at least 8 characters).");
            }

            if (!builder.Environment.IsDevelopment() && WeakAdminPassword(password) is { } weakness)
            {
                throw new InvalidOperationException($"GRAINMARKET_ADMIN_PASSWORD {weakness}: outside Development the first admin needs a strong password (at least 12 characters, not a common one); set a random one, e.g. `openssl rand -base64 18`.");
            }

            builder.Services.AddHostedService(sp => ActivatorUtilities.CreateInstance<AdminBootstrap>(sp, email, password));
        }

        return builder;
    }

    /// <summary>Why an admin password is too weak outside Development, or null.</summary>
    internal static string? WeakAdminPassword(string password) =>
        password.Length < 12 ? "is shorter than 12 characters"
        : CommonAdminPasswords.Contains(password.Trim(), StringComparer.OrdinalIgnoreCase) ? "is a common or published password"
        : password.Distinct().Count() < 5 ? "repeats too few characters"
        : null;

    /// <summary>Passwords of 12 or more characters that are tried first (and the ones this repository's examples used).</summary>
    private static readonly string[] CommonAdminPasswords =
    [
        "change-me-admin", "changeme-admin", "change-me-please", "changemeplease", "admin-password", "adminpassword",
        "administrator", "administrator1", "password1234", "password12345", "password123456", "123456789012",
        "qwertyuiop123", "qwerty123456", "admin1234567", "adminadminadmin", "letmein12345", "grainmarket-admin",
    ];
}
