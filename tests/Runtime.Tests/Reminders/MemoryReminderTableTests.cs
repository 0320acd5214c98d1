using GrainMarket.Runtime.Reminders;

namespace GrainMarket.Runtime.Tests.Reminders;

public sealed class MemoryReminderTableTests : ReminderTableTests
{
    protected override Task<IReminderTable> CreateTableAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReminderTable>(new MemoryReminderTable());
}
