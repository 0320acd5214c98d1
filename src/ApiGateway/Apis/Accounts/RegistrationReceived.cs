namespace GrainMarket.ApiGateway.Apis.Accounts;

/// <summary>The answer to a registration when registered addresses are concealed: the same whether the address was new or taken.</summary>
public sealed record RegistrationReceived(string Email, string Detail)
{
    public const string Text = "If this address had no account, it has one now: sign in with the password you chose. If it had one, its owner has been told.";
}
