using System.Reflection;

namespace GrainMarket;

/// <summary>
/// The assembly of the marketplace grains, for what the silo registers itself: the <see cref="IStateProjection{TState}"/>
/// implementations it scans for. Orleans finds the grain classes and their serializers without it, through the code
/// its SDK generates in this assembly and in the silo that references it.
/// </summary>
public static class GrainsAssembly
{
    public static Assembly Value => typeof(GrainsAssembly).Assembly;
}
