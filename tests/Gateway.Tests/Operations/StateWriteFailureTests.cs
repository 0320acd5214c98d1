using GrainMarket.Addresses;
using GrainMarket.Gateway.Tests.Addresses;
using GrainMarket.Gateway.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans;

namespace GrainMarket.Gateway.Tests.Operations;

/// <summary>
/// A grain's state write that PostgreSQL refuses leaves nothing behind: not in the database, and not in the activation
/// either (the grain changed its state before writing it), whose next answer comes from what was stored.
/// </summary>
public sealed class StateWriteFailureTests(MarketplaceFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_refused_write_drops_the_activation_so_a_retry_is_applied_for_real_not_answered_from_memory()
    {
        using var user = await TestUsers.CreateAsync(factory, "buyer");
        var book = factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IAddressBookGrain>(user.Id);
        var id = Guid.NewGuid();
        var home = new AddressDraft("Home", "12 Mall Road", "Lahore", "Punjab", "54000", "PK", null, null, null, null, null);

        // A NUL in a text column: PostgreSQL refuses the read model's row, and the state's row with it (one commit).
        await Assert.ThrowsAnyAsync<OrleansException>(() => book.AddAsync(id, home with { Label = "Ho\0me" }, makeDefault: false));

        // The retry under the same id is saved as sent, not found in memory as the refused attempt.
        var saved = await book.AddAsync(id, home, makeDefault: false);
        Assert.Equal("Home", saved.Value!.Label);
        Assert.Equal(["Home"], (await AddressSeed.ListAsync(user)).Select(a => a.GetProperty("label").GetString()));
        var dataSource = await TestDatabase.GetDataSourceAsync(Ct);
        await using var command = dataSource.CreateCommand("SELECT label FROM addresses WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        Assert.Equal("Home", await command.ExecuteScalarAsync(Ct));
    }
}
