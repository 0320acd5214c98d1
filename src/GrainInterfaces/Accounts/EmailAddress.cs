namespace GrainMarket.Accounts;

/// <summary>
/// E-mail addresses are unique without regard to case or surrounding space: this is the key of their
/// <see cref="IEmailGrain"/>. Only ASCII addresses have a key: folding the case of other characters (or normalising
/// them) turns look-alikes into someone else's address, such as the Kelvin sign U+212A into <c>k</c>.
/// </summary>
public static class EmailAddress
{
    public static bool IsAscii(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return System.Text.Ascii.IsValid(email);
    }

    public static string Normalize(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        if (!IsAscii(email))
        {
            throw new ArgumentException("An e-mail address must be ASCII (refuse others where they enter: validation names the field).", nameof(email));
        }

        return email.Trim().ToLowerInvariant();
    }
}
