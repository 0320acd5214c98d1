using GrainMarket.Mail;

namespace GrainMarket.Notifications;

/// <summary>
/// What one event tells one user: the in-app notification (its <see cref="Notification.Type"/> is the kind whose
/// channel the user chooses) and the e-mails of that kind (none when the kind has no e-mail for this user).
/// </summary>
public sealed record EventNotice(Guid UserId, Notification InApp, IReadOnlyList<MailContent> Mails);
