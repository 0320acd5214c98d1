namespace GrainMarket.Mail;

/// <summary>A rendered e-mail: its kind (<see cref="MailKinds"/>), subject, plain-text body and HTML body.</summary>
public sealed record MailContent(string Kind, string Subject, string Text, string Html);
