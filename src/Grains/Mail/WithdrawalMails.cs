using GrainMarket.Wallets;

namespace GrainMarket.Mail;

/// <summary>The e-mails about a withdrawal from a wallet: asked for, then approved or rejected by an admin.</summary>
public static class WithdrawalMails
{
    public static MailContent Status(MailBrand brand, long amount, string status) =>
        new MailComposer(brand)
            .Paragraph(status switch
            {
                WithdrawalStatuses.Approved => $"Your withdrawal of {brand.Money(amount)} was approved and paid out.",
                WithdrawalStatuses.Rejected => $"Your withdrawal of {brand.Money(amount)} was rejected; the money is available in your wallet again.",
                _ => $"We received your request to withdraw {brand.Money(amount)}. It is held in your wallet until an admin reviews it.",
            })
            .Link("See your wallet", brand.Link("wallet"))
            .Build(MailKinds.WithdrawalStatus, status switch
            {
                WithdrawalStatuses.Approved => "Withdrawal approved",
                WithdrawalStatuses.Rejected => "Withdrawal rejected",
                _ => "Withdrawal requested",
            });
}
