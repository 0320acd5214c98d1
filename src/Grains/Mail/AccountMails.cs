using System.Globalization;

namespace GrainMarket.Mail;

/// <summary>The account e-mails, written by the user grain into its outbox.</summary>
public static class AccountMails
{
    public static MailContent Welcome(MailBrand brand, string displayName, string email) =>
        new MailComposer(brand)
            .Paragraph($"Welcome to {brand.MarketplaceName}, {displayName}!")
            .Paragraph($"Your account is ready and signs in with {email}. If you did not create it, reset its password and tell us.")
            .Link("Open the marketplace", brand.PublicUrl.ToString())
            .Build(MailKinds.Welcome, "Welcome");

    /// <summary>The reset link carries the token; the token also stands alone, for a client that asks for it to be pasted.</summary>
    public static MailContent PasswordReset(MailBrand brand, string token, TimeSpan lifetime) =>
        new MailComposer(brand)
            .Paragraph($"Someone asked to reset the password of this account. If it was you, use this link or token within {lifetime.TotalMinutes.ToString("0", CultureInfo.InvariantCulture)} minutes:")
            .Link("Reset your password", brand.Link($"reset-password?token={Uri.EscapeDataString(token)}"))
            .Code(token)
            .Paragraph("If it was not you, ignore this e-mail: the password stays as it is.")
            .Build(MailKinds.PasswordReset, "Reset your password");

    public static MailContent PasswordChanged(MailBrand brand, DateTimeOffset at) =>
        new MailComposer(brand)
            .Paragraph($"The password of this account was changed on {at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC, and every other session was signed out.")
            .Paragraph("If it was not you, reset the password at once:")
            .Link("Reset your password", brand.Link("forgot-password"))
            .Build(MailKinds.PasswordChanged, "Your password was changed");
}
