namespace GrainMarket.Accounts;

/// <summary>E-mail addresses are unique without regard to case or surrounding space: this is the key of their <see cref="IEmailGrain"/>.</summary>
public static class EmailAddress
{
    public static string Normalize(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return email.Trim().ToLowerInvariant();
    }
}
