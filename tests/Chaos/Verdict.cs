namespace GrainMarket.Chaos;

internal sealed record Verdict(bool MoneyConserved, bool StockConserved, bool SingleWinner, long Lost, long Duplicated, IReadOnlyList<string> Problems)
{
    public bool Passed => MoneyConserved && StockConserved && SingleWinner && Lost == 0 && Duplicated == 0;
}
