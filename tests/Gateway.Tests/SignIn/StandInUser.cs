namespace GrainMarket.Gateway.Tests.SignIn;

/// <summary>A user of the stand-in provider: its subject, and the e-mail (verified or not) and name it tells.</summary>
public sealed record StandInUser(string Subject, string Email, bool EmailVerified, string Name)
{
    public static StandInUser New(bool emailVerified = true) =>
        new(Guid.NewGuid().ToString("N"), $"ext-{Guid.NewGuid():N}@grainmarket.test", emailVerified, "Ext Ernal");
}
