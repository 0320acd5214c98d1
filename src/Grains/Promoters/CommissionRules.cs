using GrainMarket.Catalog;

namespace GrainMarket.Promoters;

/// <summary>
/// Which rule pays a referred line: the product's own rule, else the rule of its category or of the nearest ancestor
/// that has one (a category's rule applies to its sub-categories); a line no rule covers earns nothing. A paid
/// promoter earns the rule's paid rate, or its rate plus the platform's paid bonus.
/// </summary>
public static class CommissionRules
{
    /// <summary>The terms of each of <paramref name="products"/> (product id → category id) that a rule covers.</summary>
    public static async Task<IReadOnlyList<CommissionTerms>> TermsAsync(IGrainFactory grains, IReadOnlyDictionary<Guid, Guid> products, bool paid, int paidBonusBps)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(products);
        var rules = await grains.GetGrain<ICommissionRulesGrain>(ICommissionRulesGrain.Key).ListAsync();
        if (rules.Count == 0)
        {
            return [];
        }

        var byProduct = rules.Where(r => r.ProductId is not null).ToDictionary(r => r.ProductId!.Value);
        var byCategory = rules.Where(r => r.CategoryId is not null).ToDictionary(r => r.CategoryId!.Value);
        var terms = new List<CommissionTerms>();
        foreach (var (productId, categoryId) in products.OrderBy(p => p.Key))
        {
            var rule = byProduct.GetValueOrDefault(productId) ?? (byCategory.Count == 0 ? null : await NearestAsync(grains, categoryId, byCategory));
            if (rule is not null)
            {
                var rate = paid ? rule.PaidRateBps ?? Math.Min(10_000, rule.RateBps + paidBonusBps) : rule.RateBps;
                terms.Add(new CommissionTerms(productId, rate, rule.CapPerLine, rule.FundedBy));
            }
        }

        return terms;
    }

    /// <summary>The rule of the category or of its nearest ancestor that has one; the walk is bounded against a broken tree.</summary>
    private static async Task<CommissionRule?> NearestAsync(IGrainFactory grains, Guid categoryId, Dictionary<Guid, CommissionRule> byCategory)
    {
        var tree = grains.GetGrain<ICategoryTreeGrain>(ICategoryTreeGrain.Key);
        Guid? current = categoryId;
        for (var depth = 0; depth < 64 && current is { } id; depth++)
        {
            if (byCategory.TryGetValue(id, out var rule))
            {
                return rule;
            }

            current = (await tree.GetAsync(id))?.ParentId;
        }

        return null;
    }
}
