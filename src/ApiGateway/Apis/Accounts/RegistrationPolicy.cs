namespace GrainMarket.ApiGateway.Apis.Accounts;

/// <summary>
/// How registration answers for an address that already has an account. By default (<c>GRAINMARKET_CONCEAL_REGISTERED_EMAILS</c>
/// unset or <c>true</c>) a new address and a taken one get the same 202 and the same body (and cost the same password
/// work); the new account is ready to sign in to, and the owner of a taken address is notified of the attempt instead.
/// With <c>false</c>, a taken address gets 409 <c>email-taken</c>, which tells anyone who asks that it is registered.
/// </summary>
public sealed record RegistrationPolicy(bool ConcealRegisteredEmails)
{
    public static RegistrationPolicy From(IConfiguration configuration) =>
        new(configuration.GetValue<bool?>("GRAINMARKET_CONCEAL_REGISTERED_EMAILS") ?? true);
}
