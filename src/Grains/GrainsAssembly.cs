using System.Reflection;

namespace GrainMarket;

/// <summary>Points the runtime at this assembly's grain classes.</summary>
public static class GrainsAssembly
{
    public static Assembly Value => typeof(GrainsAssembly).Assembly;
}
