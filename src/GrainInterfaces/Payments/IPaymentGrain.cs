namespace GrainMarket.Payments;

/// <summary>
/// One provider payment (key: <see cref="PaymentKeys.For"/>, the provider and its payment id), fed by the provider's
/// verified events. Each event id is applied once, in one transaction with its effects: a success credits the payer's
/// wallet as TOPUP (external money in) and, for an order, places the order with that money held. The state machine is
/// <see cref="PaymentStatuses"/>: a success after a refund, or a second success, changes nothing.
/// </summary>
[Alias("gm.payment")]
public interface IPaymentGrain : IGrainWithStringKey
{
    /// <summary>
    /// Records a payment the gateway created (pending until an event says more), so that it is verified with the provider
    /// until its deadline should its webhook never come; opening it again, or after its first event, changes nothing
    /// but a later deadline.
    /// </summary>
    [Transaction(TransactionOption.Create)]
    [Alias("open")]
    Task<PaymentView> OpenAsync(PaymentOpening opening);

    [Transaction(TransactionOption.Create)]
    [Alias("apply")]
    Task<PaymentView> ApplyAsync(PaymentEvent payment);

    [ReadOnly]
    [Transaction(TransactionOption.CreateOrJoin)]
    [Alias("get")]
    Task<PaymentView?> GetAsync();
}
