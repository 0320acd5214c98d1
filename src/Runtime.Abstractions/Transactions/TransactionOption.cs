namespace GrainMarket.Runtime;

/// <summary>How a grain method relates to the caller's transaction, as in Orleans.</summary>
public enum TransactionOption
{
    /// <summary>Runs outside any transaction; the caller's does not flow in. The default for methods without the attribute.</summary>
    Suppress,

    /// <summary>Joins the caller's transaction, or starts one when there is none.</summary>
    CreateOrJoin,

    /// <summary>Always starts a new transaction, even inside one.</summary>
    Create,

    /// <summary>Must be called inside a transaction, which it joins.</summary>
    Join,

    /// <summary>Joins the caller's transaction if there is one; otherwise runs without.</summary>
    Supported,

    /// <summary>Must not be called inside a transaction.</summary>
    NotAllowed,
}
