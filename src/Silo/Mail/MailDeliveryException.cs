namespace GrainMarket.Silo.Mail;

/// <summary>The receiving server answered a message with a refusal: <see cref="Permanent"/> for a 5xx reply, else retried.</summary>
public sealed class MailDeliveryException(string message, bool permanent, Exception? inner = null) : Exception(message, inner)
{
    public bool Permanent { get; } = permanent;
}
