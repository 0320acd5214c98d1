namespace GrainMarket.Geography;

/// <summary>A province or a city: a name that must differ from its siblings', the places of the same parent.</summary>
public interface IPlaceRecord
{
    string Name { get; set; }

    /// <summary>The parent as text: a province's country code, a city's province id.</summary>
    string ParentKey { get; }
}
