using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace GrainMarket.Runtime.Serialization;

/// <summary>
/// The JSON settings used for grain state and, later, for calls that cross silos. Source-generated contexts
/// registered with <see cref="AddContext"/> are asked first; reflection is the fallback for types they lack.
/// </summary>
public sealed class GrainJsonOptions
{
    public GrainJsonOptions()
    {
        Options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine(new DefaultJsonTypeInfoResolver()),

            // jsonb reorders object keys (shorter first), so a polymorphic "$type" is not always first on read.
            AllowOutOfOrderMetadataProperties = true,
        };
    }

    public JsonSerializerOptions Options { get; }

    /// <summary>Puts a source-generated context in front of the reflection fallback.</summary>
    public GrainJsonOptions AddContext(IJsonTypeInfoResolver context)
    {
        Options.TypeInfoResolverChain.Insert(0, context);
        return this;
    }
}
