namespace GrainMarket.Chaos;

/// <summary>SIGKILL (restarted after a pause), SIGTERM (graceful shutdown, restarted), SIGSTOP past the failure-detection bound, then SIGCONT.</summary>
internal enum FaultKind
{
    Kill,
    Terminate,
    Pause,
}
