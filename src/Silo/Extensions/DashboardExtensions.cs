using GrainMarket.ApiGateway.Auth;
using Orleans.Dashboard;

namespace GrainMarket.Silo.Extensions;

public static class DashboardExtensions
{
    /// <summary>The path of Orleans' dashboard (silos, grains, calls, reminders) on the silo's HTTP port.</summary>
    public const string Path = "/dashboard";

    /// <summary>
    /// Maps the dashboard the silo registers (<c>AddDashboard</c>, live log stream off): open in Development, for
    /// admins only (the gateway's <see cref="Policies.Admin"/> policy; a browser signs in with cookies) everywhere else.
    /// </summary>
    public static WebApplication MapGrainMarketDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var dashboard = app.MapOrleansDashboard(Path);
        dashboard.ExcludeFromDescription();
        if (!app.Environment.IsDevelopment())
        {
            dashboard.RequireAuthorization(Policies.Admin);
        }

        return app;
    }
}
