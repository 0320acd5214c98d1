using Microsoft.Extensions.Logging;

namespace GrainMarket.Auctions;

[GrainType("payment-standing")]
public sealed class PaymentStandingGrain(
    [PersistentState("standing", PostgresGrainStorage.ProviderName)] IPersistentState<PaymentStandingState> standing,
    AuctionSettings settings,
    TimeProvider timeProvider,
    ILogger<PaymentStandingGrain> logger) : Grain, IPaymentStandingGrain
{
    async Task<PaymentStanding> IPaymentStandingGrain.RecordViolationAsync(string reference)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        if (!standing.State.Violations.ContainsKey(reference))
        {
            standing.State.Violations[reference] = timeProvider.GetUtcNow();
            standing.State.NewViolations = [reference];
            try
            {
                await standing.WriteStateAsync();
            }
            catch
            {
                // Perhaps not stored: forgotten again, so that a retry writes it and its read-model row instead of finding it
                // here (had it been stored after all, that write fails on its version and the next activation reads it).
                standing.State.Violations.Remove(reference);
                throw;
            }
            finally
            {
                standing.State.NewViolations = [];
            }

            logger.LogInformation("User {UserId} left {Reference} unpaid: {Violations} payment violations", this.GetPrimaryKey(), reference, standing.State.Violations.Count);
        }

        return Standing();
    }

    Task<PaymentStanding> IPaymentStandingGrain.GetAsync() => Task.FromResult(Standing());

    private PaymentStanding Standing() =>
        new(standing.State.Violations.Count, standing.State.Violations.Count >= settings.MaxPaymentViolations);
}
