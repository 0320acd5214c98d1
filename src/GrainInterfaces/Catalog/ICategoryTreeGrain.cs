using GrainMarket.Common;

namespace GrainMarket.Catalog;

/// <summary>
/// The category tree of the marketplace, one grain (key <see cref="Key"/>). It owns the tree's shape (no cycles, a
/// category is deleted only when it has no children and no live products) and projects it to the <c>categories</c>
/// read model that search walks with a recursive query.
/// </summary>
[Alias("gm.category-tree")]
public interface ICategoryTreeGrain : IGrainWithStringKey
{
    /// <summary>The key of the one tree.</summary>
    public const string Key = "all";

    /// <summary>The roots, each with its children, ordered by name.</summary>
    [ReadOnly]
    [Alias("getTree")]
    Task<IReadOnlyList<CategoryNode>> GetTreeAsync();

    [ReadOnly]
    [Alias("get")]
    Task<CategoryView?> GetAsync(Guid categoryId);

    /// <summary>Adds a category under <paramref name="parentId"/> (a root when null); fails with category-not-found for an unknown parent.</summary>
    [Alias("create")]
    Task<Result<CategoryView>> CreateAsync(string name, Guid? parentId);

    /// <summary>Renames and/or moves a category; a move under itself or one of its descendants is refused.</summary>
    [Alias("update")]
    Task<Result<CategoryView>> UpdateAsync(Guid categoryId, CategoryUpdate update);

    /// <summary>Deletes a category that has no children and no live products (else category-not-empty).</summary>
    [Alias("delete")]
    Task<Result<CategoryView>> DeleteAsync(Guid categoryId);

    /// <summary>Counts a live product in the category, so that it cannot be deleted under it; category-not-found when it does not exist.</summary>
    [Alias("attachProduct")]
    Task<Result<CategoryView>> AttachProductAsync(Guid categoryId);

    /// <summary>Stops counting a product that left the category (moved, archived or rejected).</summary>
    [Alias("detachProduct")]
    Task DetachProductAsync(Guid categoryId);
}
