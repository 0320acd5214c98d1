using GrainMarket.Runtime.Hosting;
using GrainMarket.Runtime.Tests.Grains;
using GrainMarket.Runtime.Tests.Support;
using GrainMarket.Runtime.Transactions;
using Microsoft.Extensions.DependencyInjection;

namespace GrainMarket.Runtime.Tests.Transactions;

/// <summary>Transactions on both stores: in memory, and on the test PostgreSQL where the database is the commit point.</summary>
public sealed class TransactionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Bank_transfers_conserve_the_total_and_every_committed_transfer_is_in_the_ledger(bool postgres)
    {
        const int Accounts = 20;
        const long Funding = 1_000;
        const int Clients = 16;
        const int TransfersPerClient = 2_000;
        await using var silo = await TestSilo.StartAsync(postgres, cancellationToken: Ct);
        var bank = NewBank(silo);
        var keys = Enumerable.Range(0, Accounts).Select(_ => Bank.NewAccount()).ToArray();
        await Task.WhenAll(keys.Select(k => bank.FundAsync(k, Funding)));
        var committed = 0;
        var overdrawAttempts = 0;
        var declined = 0;

        await Task.WhenAll(Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            var random = new Random(client);
            for (var i = 0; i < TransfersPerClient; i++)
            {
                var from = random.Next(Accounts);
                var to = (from + 1 + random.Next(Accounts - 1)) % Accounts;

                // One transfer in ten asks for more than all the money there is: it must abort.
                var overdraw = random.Next(10) == 0;
                var amount = overdraw ? Funding * Accounts + 1 : random.Next(1, 200);
                if (overdraw)
                {
                    Interlocked.Increment(ref overdrawAttempts);
                }

                if (await bank.TransferAsync(keys[from], keys[to], amount))
                {
                    Assert.False(overdraw, "an overdrawing transfer committed");
                    Interlocked.Increment(ref committed);
                }
                else
                {
                    Interlocked.Increment(ref declined);
                }
            }
        }, Ct))).WaitAsync(TimeSpan.FromMinutes(10), Ct);

        var accounts = await Task.WhenAll(keys.Select(bank.GetAsync));
        Assert.Equal(Funding * Accounts, accounts.Sum(a => a.Balance));
        Assert.All(accounts, a => Assert.True(a.Balance >= 0, $"negative balance {a.Balance}"));
        Assert.Equal(Clients * TransfersPerClient, committed + declined);
        Assert.True(declined >= overdrawAttempts, $"{declined} declined but {overdrawAttempts} transfers overdrew");
        Assert.InRange(overdrawAttempts, Clients * TransfersPerClient / 20, Clients * TransfersPerClient / 5);

        // Each committed transfer is exactly two ledger entries; each account has one funding entry.
        Assert.Equal((2L * committed) + Accounts, accounts.Sum(a => a.Entries));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Concurrent_withdrawals_guarded_by_a_rule_over_two_accounts_never_break_the_rule(bool postgres)
    {
        await using var silo = await TestSilo.StartAsync(postgres, cancellationToken: Ct);
        var bank = NewBank(silo);
        var client = silo.Services.GetRequiredService<ITransactionClient>();

        for (var round = 0; round < 20; round++)
        {
            var (a, b) = (Bank.NewAccount(), Bank.NewAccount());
            await bank.FundAsync(a, 100);
            await bank.FundAsync(b, 100);

            // Rule: a + b >= 0. Each transaction reads both and withdraws 150 from its own account if the rule allows:
            // under snapshot isolation without read validation both would commit (write skew) and leave -100.
            var withdrawals = 0;
            await Task.WhenAll(new[] { a, b }.Select(own => bank.RetryAsync(() => client.RunTransaction(TransactionOption.Create, async () =>
            {
                var total = await bank.Account(a).ReadBalanceAsync() + await bank.Account(b).ReadBalanceAsync();
                if (total - 150 < 0)
                {
                    return false;
                }

                await bank.Account(own).AdjustAsync(-150);
                Interlocked.Increment(ref withdrawals);
                return true;
            }))));

            var sum = (await bank.GetAsync(a)).Balance + (await bank.GetAsync(b)).Balance;
            Assert.Equal(50, sum);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Concurrent_deposits_to_one_account_lose_no_update(bool postgres)
    {
        await using var silo = await TestSilo.StartAsync(postgres, cancellationToken: Ct);
        var bank = NewBank(silo);
        var key = Bank.NewAccount();
        var client = silo.Services.GetRequiredService<ITransactionClient>();

        await Task.WhenAll(Enumerable.Range(0, 300).Select(_ => bank.RetryAsync(
            () => client.RunTransaction(TransactionOption.Create, () => bank.Account(key).DepositAsync(1)))));

        Assert.Equal(new AccountSnapshot(300, 300), await bank.GetAsync(key));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_grain_method_that_creates_a_transaction_commits_it_and_returns_its_result(bool postgres)
    {
        await using var silo = await TestSilo.StartAsync(postgres, cancellationToken: Ct);
        var bank = NewBank(silo);
        var (a, b) = (Bank.NewAccount(), Bank.NewAccount());
        await bank.FundAsync(a, 100);
        var transfers = silo.GrainFactory.GetGrain<ITransferGrain>(Guid.NewGuid());

        Assert.True(await transfers.TransferAsync(a, b, 60));
        Assert.False(await transfers.TransferAsync(a, b, 60));

        Assert.Equal(40, (await bank.GetAsync(a)).Balance);
        Assert.Equal(60, (await bank.GetAsync(b)).Balance);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_aborted_transaction_leaves_no_trace_and_does_not_disturb_the_next_one(bool postgres)
    {
        await using var silo = await TestSilo.StartAsync(postgres, cancellationToken: Ct);
        var bank = NewBank(silo);
        var client = silo.Services.GetRequiredService<ITransactionClient>();
        var (a, b) = (Bank.NewAccount(), Bank.NewAccount());
        await bank.FundAsync(a, 100);

        // A participant throws after another participant changed its copy.
        var error = await Assert.ThrowsAsync<TransactionAbortedException>(() => client.RunTransaction(TransactionOption.Create, async () =>
        {
            await bank.Account(a).WithdrawAsync(30);
            await bank.Account(b).FailAsync("card declined");
        }));
        Assert.Equal(TransactionAbortReason.ParticipantFailed, error.Reason);
        Assert.IsType<InvalidOperationException>(error.InnerException);

        // The delegate asks to abort after withdrawing.
        await client.RunTransaction(TransactionOption.Create, async () =>
        {
            await bank.Account(a).WithdrawAsync(30);
            return false;
        });

        var started = System.Diagnostics.Stopwatch.StartNew();
        Assert.True(await bank.TransferAsync(a, b, 25));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(2), $"the next transaction waited {started.Elapsed}");
        Assert.Equal(new AccountSnapshot(75, 2), await bank.GetAsync(a));
        Assert.Equal(new AccountSnapshot(25, 1), await bank.GetAsync(b));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_coordinator_that_dies_after_the_database_commit_leaves_every_participant_committed(bool postgres)
    {
        await using var silo = await TestSilo.StartAsync(postgres, o => o.TransactionLockLease = TimeSpan.FromSeconds(1), cancellationToken: Ct);
        var bank = NewBank(silo);
        var (a, b) = (Bank.NewAccount(), Bank.NewAccount());
        await bank.FundAsync(a, 100);
        var hooks = silo.Services.GetRequiredService<TransactionTestHooks>();
        hooks.AfterCommit = _ => throw new CoordinatorDied();

        await Assert.ThrowsAsync<CoordinatorDied>(() => bank.TransferAsync(a, b, 30));
        hooks.AfterCommit = null;

        // The participants never heard the verdict; once their lease runs out they ask the database.
        Assert.Equal(new AccountSnapshot(70, 2), await bank.GetAsync(a));
        Assert.Equal(new AccountSnapshot(30, 1), await bank.GetAsync(b));
        Assert.True(await bank.TransferAsync(b, a, 10));
        Assert.Equal(80, (await bank.GetAsync(a)).Balance);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_coordinator_that_dies_before_the_database_commit_applies_nothing(bool postgres)
    {
        await using var silo = await TestSilo.StartAsync(postgres, o => o.TransactionLockLease = TimeSpan.FromSeconds(1), cancellationToken: Ct);
        var bank = NewBank(silo);
        var (a, b) = (Bank.NewAccount(), Bank.NewAccount());
        await bank.FundAsync(a, 100);
        var hooks = silo.Services.GetRequiredService<TransactionTestHooks>();
        hooks.BeforeCommit = _ => throw new CoordinatorDied();

        await Assert.ThrowsAsync<CoordinatorDied>(() => bank.TransferAsync(a, b, 30));
        hooks.BeforeCommit = null;

        Assert.Equal(new AccountSnapshot(100, 1), await bank.GetAsync(a));
        Assert.Equal(new AccountSnapshot(0, 0), await bank.GetAsync(b));
        Assert.True(await bank.TransferAsync(a, b, 10));
        Assert.Equal(90, (await bank.GetAsync(a)).Balance);
    }

    [Fact]
    public async Task Joining_outside_a_transaction_and_using_transactional_state_without_one_fail_clearly()
    {
        await using var silo = await TestSilo.StartAsync(cancellationToken: Ct);
        var account = silo.GrainFactory.GetGrain<IBankAccountGrain>($"acct-{Guid.NewGuid():N}");

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => account.DepositAsync(5));

        Assert.Contains("IBankAccountGrain.DepositAsync", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_activation_whose_state_another_activation_changed_catches_up_after_one_refused_commit()
    {
        // Two silos on one database without a cluster: the same account is active in both, as during a membership change.
        await using var first = await TestSilo.StartAsync(postgres: true, cancellationToken: Ct);
        await using var second = await TestSilo.StartAsync(postgres: true, cancellationToken: Ct);
        var key = Bank.NewAccount();
        var stale = NewBank(second);
        await stale.FundAsync(key, 10);
        await NewBank(first).FundAsync(key, 100);

        // The second activation still holds version 1: its next deposit is refused once, then it re-reads and commits.
        await stale.FundAsync(key, 1);

        Assert.InRange(stale.Retries, 1, 5);
        Assert.Equal(111, (await stale.Account(key).GetAsync()).Balance);
    }

    [Fact]
    public async Task A_copy_taken_before_a_catch_up_is_written_against_the_version_it_was_taken_from()
    {
        // Two silos on one database without a cluster: the same account is active in both, as during a membership
        // change. The first silo's membership view is moved by hand, which makes its states catch up with the database.
        var view = new Cluster.MembershipView();
        await using var first = await TestSilo.StartAsync(postgres: true, services: s => s.AddSingleton(view), cancellationToken: Ct);
        await using var second = await TestSilo.StartAsync(postgres: true, cancellationToken: Ct);
        var (here, there) = (NewBank(first), NewBank(second));
        var client = first.Services.GetRequiredService<ITransactionClient>();
        var key = Bank.NewAccount();
        await here.FundAsync(key, 100);
        var (copied, mayCommit) = (Signal(), Signal());

        // A transaction here takes its copy (balance 100, version 1) and waits.
        var withdrawal = client.RunTransaction(TransactionOption.Create, async () =>
        {
            await here.Account(key).WithdrawAsync(10);
            copied.SetResult();
            await mayCommit.Task;
        });
        await copied.Task;

        // The other activation commits a deposit (version 2); then a read here catches up with it, and waits for the lock.
        await there.FundAsync(key, 50);
        view.Update(1, []);
        var read = here.GetAsync(key);
        await Task.Delay(300, Ct);
        mayCommit.SetResult();

        // Written against version 2 the copy would erase the deposit (balance 90); against its own version 1 it is refused.
        var error = await Assert.ThrowsAsync<TransactionAbortedException>(() => withdrawal.WaitAsync(TimeSpan.FromSeconds(30), Ct));
        Assert.Equal(TransactionAbortReason.Conflict, error.Reason);
        Assert.Equal(150, (await read.WaitAsync(TimeSpan.FromSeconds(30), Ct)).Balance);
        Assert.Equal(150, (await here.GetAsync(key)).Balance);
    }

    [Fact]
    public async Task An_older_transaction_waits_for_a_younger_one_that_holds_its_lock_and_is_still_running()
    {
        // Neither bound may end the wait here: only the rule under test decides whether the younger one is aborted.
        await using var silo = await TestSilo.StartAsync(configure: LongWaits, cancellationToken: Ct);

        var (old, young, bank, (a, b, c)) = await OlderWaitsOnRunningYoungerAsync(silo);

        await Task.WhenAll(old, young).WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.Equal(85, (await bank.GetAsync(a)).Balance);
        Assert.Equal(10, (await bank.GetAsync(b)).Balance);
        Assert.Equal(5, (await bank.GetAsync(c)).Balance);
    }

    [Fact]
    public async Task Two_transactions_that_each_wait_for_the_others_lock_end_at_once_with_the_younger_aborted()
    {
        await using var silo = await TestSilo.StartAsync(configure: LongWaits, cancellationToken: Ct);
        var (bank, client) = (NewBank(silo), silo.Services.GetRequiredService<ITransactionClient>());
        var (a, b) = (Bank.NewAccount(), Bank.NewAccount());
        await bank.FundAsync(a, 100);
        await bank.FundAsync(b, 100);
        var (oldHoldsA, youngHoldsB, bothHold) = (Signal(), Signal(), Signal());

        var old = client.RunTransaction(TransactionOption.Create, async () =>
        {
            await bank.Account(a).WithdrawAsync(10);
            oldHoldsA.SetResult();
            await bothHold.Task;
            await bank.Account(b).DepositAsync(10);
        });
        await oldHoldsA.Task;
        await Task.Delay(20, Ct);
        var young = client.RunTransaction(TransactionOption.Create, async () =>
        {
            await bank.Account(b).WithdrawAsync(7);
            youngHoldsB.SetResult();
            await bothHold.Task;
            await bank.Account(a).DepositAsync(7);
        });
        await youngHoldsB.Task;
        bothHold.SetResult();

        // The lock waits are bounded at a minute here: ending sooner means the cycle was seen, not timed out.
        await old.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        var error = await Assert.ThrowsAsync<TransactionAbortedException>(() => young.WaitAsync(TimeSpan.FromSeconds(30), Ct));
        Assert.Equal(TransactionAbortReason.Conflict, error.Reason);
        Assert.Equal(90, (await bank.GetAsync(a)).Balance);
        Assert.Equal(110, (await bank.GetAsync(b)).Balance);
    }

    [Fact]
    public async Task An_older_transaction_that_waits_too_long_for_a_younger_one_aborts_it()
    {
        // A younger holder that waits on another silo looks busy from here: the wait bound is what breaks such cycles.
        await using var silo = await TestSilo.StartAsync(
            configure: options =>
            {
                LongWaits(options);
                options.TransactionWoundAfter = TimeSpan.FromMilliseconds(50);
            },
            cancellationToken: Ct);

        var (old, young, bank, (a, _, c)) = await OlderWaitsOnRunningYoungerAsync(silo);

        var error = await Assert.ThrowsAsync<TransactionAbortedException>(() => young.WaitAsync(TimeSpan.FromSeconds(30), Ct));
        Assert.Equal(TransactionAbortReason.Conflict, error.Reason);
        await old.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.Equal(90, (await bank.GetAsync(a)).Balance);
        Assert.Equal(0, (await bank.GetAsync(c)).Balance);
    }

    /// <summary>
    /// An older transaction asks to withdraw from a (then deposit to b) while a younger one holds a and, for 200 ms,
    /// runs on without waiting for any lock; then the younger one deposits to c.
    /// </summary>
    private static async Task<(Task Old, Task Young, Bank Bank, (string A, string B, string C) Accounts)> OlderWaitsOnRunningYoungerAsync(TestSilo silo)
    {
        var (bank, client) = (NewBank(silo), silo.Services.GetRequiredService<ITransactionClient>());
        var (a, b, c) = (Bank.NewAccount(), Bank.NewAccount(), Bank.NewAccount());
        await bank.FundAsync(a, 100);
        var (oldMayGo, youngHoldsA, youngMayGo) = (Signal(), Signal(), Signal());

        var old = client.RunTransaction(TransactionOption.Create, async () =>
        {
            await oldMayGo.Task;
            await bank.Account(a).WithdrawAsync(10);
            await bank.Account(b).DepositAsync(10);
        });
        await Task.Delay(20, Ct);
        var young = client.RunTransaction(TransactionOption.Create, async () =>
        {
            await bank.Account(a).WithdrawAsync(5);
            youngHoldsA.SetResult();
            await youngMayGo.Task;
            await bank.Account(c).DepositAsync(5);
        });
        await youngHoldsA.Task;
        oldMayGo.SetResult();
        await Task.Delay(200, Ct);
        youngMayGo.SetResult();
        return (old, young, bank, (a, b, c));
    }

    private static void LongWaits(GrainRuntimeOptions options)
    {
        options.TransactionLockWaitTimeout = TimeSpan.FromMinutes(1);
        options.TransactionWoundAfter = TimeSpan.FromMinutes(1);
    }

    private static TaskCompletionSource Signal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static Bank NewBank(TestSilo silo) => new(silo.GrainFactory, silo.Services.GetRequiredService<ITransactionClient>());

    private sealed class CoordinatorDied : Exception
    {
        public CoordinatorDied() : base("the coordinator's process died here")
        {
        }
    }
}
