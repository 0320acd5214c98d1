using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Http;
using Orleans.Dashboard;

namespace GrainMarket.Silo.Extensions;

public static class DashboardExtensions
{
    /// <summary>
    /// Maps the dashboard the silo registers (<c>AddDashboard</c>, live log stream off) at <c>GRAINMARKET_DASHBOARD_PATH</c>
    /// (<see cref="DashboardSettings.DefaultPath"/> by default) on the silo's HTTP port: open in Development, for admins
    /// only (the gateway's <see cref="Policies.Admin"/> policy; a browser signs in with cookies, <c>POST
    /// /api/auth/login?use_cookies=true</c>) everywhere else. The conservation audit's page is the gateway's
    /// <c>/admin/audit</c>, under the same rule.
    /// </summary>
    public static WebApplication MapGrainMarketDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var dashboard = app.MapOrleansDashboard(DashboardSettings.PathOf(app.Configuration));
        dashboard.ExcludeFromDescription();
        if (!app.Environment.IsDevelopment())
        {
            dashboard.RequireAuthorization(Policies.Admin);
        }

        return app;
    }
}
