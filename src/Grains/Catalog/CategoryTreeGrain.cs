using GrainMarket.Common;

namespace GrainMarket.Catalog;

[GrainType("categorytree")]
public sealed class CategoryTreeGrain(
    [PersistentState("tree", PostgresGrainStorage.ProviderName)] IPersistentState<CategoryTreeState> tree,
    [PersistentState("usage")] IPersistentState<CategoryUsageState> usage) : Grain, ICategoryTreeGrain
{
    private Dictionary<Guid, CategoryRecord> Categories => tree.State.Categories;

    Task<IReadOnlyList<CategoryNode>> ICategoryTreeGrain.GetTreeAsync()
    {
        var children = Categories.ToLookup(c => c.Value.ParentId);
        IReadOnlyList<CategoryNode> Build(Guid? parentId) =>
            [.. children[parentId].OrderBy(c => c.Value.Name, StringComparer.OrdinalIgnoreCase).ThenBy(c => c.Key).Select(c => new CategoryNode(c.Key, c.Value.Name, Build(c.Key)))];
        return Task.FromResult(Build(null));
    }

    Task<CategoryView?> ICategoryTreeGrain.GetAsync(Guid categoryId) =>
        Task.FromResult(Categories.TryGetValue(categoryId, out var category) ? View(categoryId, category) : null);

    async Task<Result<CategoryView>> ICategoryTreeGrain.CreateAsync(string name, Guid? parentId)
    {
        if (parentId is { } parent && !Categories.ContainsKey(parent))
        {
            return NotFound(parent, "parentId");
        }

        if (NameTaken(name, parentId, except: null) is { } taken)
        {
            return taken;
        }

        var id = Guid.NewGuid();
        var category = new CategoryRecord { Name = name, ParentId = parentId };
        Categories[id] = category;
        await tree.WriteStateAsync();
        return View(id, category);
    }

    async Task<Result<CategoryView>> ICategoryTreeGrain.UpdateAsync(Guid categoryId, CategoryUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (!Categories.TryGetValue(categoryId, out var category))
        {
            return NotFound(categoryId);
        }

        if (update.MoveParent && update.ParentId is { } parent)
        {
            if (!Categories.ContainsKey(parent))
            {
                return NotFound(parent, "parentId");
            }

            if (IsSelfOrDescendant(parent, categoryId))
            {
                return DomainError.Invalid("parentId", "must not be the category itself or one of its descendants");
            }
        }

        var (newName, newParent) = (update.Name ?? category.Name, update.MoveParent ? update.ParentId : category.ParentId);
        if (NameTaken(newName, newParent, except: categoryId) is { } taken)
        {
            return taken;
        }

        category.Name = newName;
        category.ParentId = newParent;
        await tree.WriteStateAsync();
        return View(categoryId, category);
    }

    async Task<Result<CategoryView>> ICategoryTreeGrain.DeleteAsync(Guid categoryId)
    {
        if (!Categories.TryGetValue(categoryId, out var category))
        {
            return NotFound(categoryId);
        }

        var children = Categories.Count(c => c.Value.ParentId == categoryId);
        var products = usage.State.ProductCounts.GetValueOrDefault(categoryId);
        if (children > 0 || products > 0)
        {
            return new DomainError(
                ErrorCodes.CategoryNotEmpty,
                $"The category has {children} sub-categories and {products} products; move or remove them first.",
                Figures: new Dictionary<string, long> { ["children"] = children, ["products"] = products });
        }

        Categories.Remove(categoryId);
        await tree.WriteStateAsync();
        return View(categoryId, category);
    }

    async Task<Result<CategoryView>> ICategoryTreeGrain.AttachProductAsync(Guid categoryId)
    {
        if (!Categories.TryGetValue(categoryId, out var category))
        {
            return NotFound(categoryId, "categoryId");
        }

        usage.State.ProductCounts[categoryId] = usage.State.ProductCounts.GetValueOrDefault(categoryId) + 1;
        await usage.WriteStateAsync();
        return View(categoryId, category);
    }

    async Task ICategoryTreeGrain.DetachProductAsync(Guid categoryId)
    {
        var count = usage.State.ProductCounts.GetValueOrDefault(categoryId);
        if (count <= 0)
        {
            return;
        }

        if (count == 1)
        {
            usage.State.ProductCounts.Remove(categoryId);
        }
        else
        {
            usage.State.ProductCounts[categoryId] = count - 1;
        }

        await usage.WriteStateAsync();
    }

    /// <summary>Whether <paramref name="candidate"/> is <paramref name="categoryId"/> or lies below it.</summary>
    private bool IsSelfOrDescendant(Guid candidate, Guid categoryId)
    {
        for (Guid? current = candidate; current is { } id; current = Categories[id].ParentId)
        {
            if (id == categoryId)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Siblings (the same parent, or both top-level) must differ in name, ignoring case: a shopper could not tell two
    /// "Shoes" under "Men" apart. Null when <paramref name="name"/> is free under <paramref name="parentId"/>.
    /// </summary>
    private DomainError? NameTaken(string name, Guid? parentId, Guid? except) =>
        Categories.Any(c => c.Key != except && c.Value.ParentId == parentId && string.Equals(c.Value.Name, name, StringComparison.OrdinalIgnoreCase))
            ? new DomainError(ErrorCodes.CategoryNameTaken, $"A category named '{name}' already exists at this level.", "name")
            : null;

    private static CategoryView View(Guid id, CategoryRecord category) => new(id, category.Name, category.ParentId);

    private static DomainError NotFound(Guid categoryId, string? field = null) =>
        new(ErrorCodes.CategoryNotFound, $"There is no category {categoryId}.", field);
}
