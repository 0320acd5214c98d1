namespace GrainMarket.Deploy.Tests;

/// <summary>How a program ended and what it printed.</summary>
public sealed record CommandResult(int ExitCode, string Output, string Error);
