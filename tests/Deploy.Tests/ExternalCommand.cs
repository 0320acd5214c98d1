using System.ComponentModel;
using System.Diagnostics;

namespace GrainMarket.Deploy.Tests;

/// <summary>Runs a program to its end within a limit and collects what it printed.</summary>
public static class ExternalCommand
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Runs <paramref name="executable"/>; a program that is not installed throws <see cref="InvalidOperationException"/>
    /// with <paramref name="missing"/> as the explanation.
    /// </summary>
    public static async Task<CommandResult> RunAsync(string executable, IEnumerable<string> arguments, string missing, CancellationToken cancellationToken, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepositoryRoot.Path,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Start(start, missing);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Limit);
        var output = process.StandardOutput.ReadToEndAsync(limit.Token);
        var error = process.StandardError.ReadToEndAsync(limit.Token);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{executable} {string.Join(' ', start.ArgumentList)} did not finish within {Limit}.");
        }

        return new CommandResult(process.ExitCode, await output, await error);
    }

    private static Process Start(ProcessStartInfo start, string missing)
    {
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException($"'{start.FileName}' was not found on PATH: {missing}", exception);
        }
    }
}
