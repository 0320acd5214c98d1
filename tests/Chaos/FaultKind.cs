namespace GrainMarket.Chaos;

/// <summary>
/// SIGKILL (restarted after a pause), SIGTERM (graceful shutdown, restarted), SIGSTOP past the failure-detection bound,
/// then SIGCONT; and a standalone gateway's restart (SIGKILL, started again).
/// </summary>
internal enum FaultKind
{
    Kill,
    Terminate,
    Pause,
    GatewayRestart,
}
