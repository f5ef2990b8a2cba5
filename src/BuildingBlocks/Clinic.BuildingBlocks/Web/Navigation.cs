using System.Security.Claims;
using Clinic.BuildingBlocks.Security;
using Microsoft.AspNetCore.Authorization;

namespace Clinic.BuildingBlocks.Web;

/// <summary>The menu items and top-bar search the enabled modules contributed, filtered to those the user may use.</summary>
public sealed class Navigation(IEnumerable<MenuItem> items, IEnumerable<TopBarSearch> searches, IAuthorizationService authorization)
{
    public async Task<IReadOnlyList<MenuItem>> VisibleToAsync(ClaimsPrincipal user)
    {
        var visible = new List<MenuItem>();
        foreach (var item in items.OrderBy(i => i.Order))
        {
            if (await authorization.HasPermissionAsync(user, item.Permission))
                visible.Add(item);
        }

        return visible;
    }

    /// <summary>The first search the user may use; the top bar has room for one.</summary>
    public async Task<TopBarSearch?> SearchFor(ClaimsPrincipal user)
    {
        foreach (var search in searches)
        {
            if (await authorization.HasPermissionAsync(user, search.Permission))
                return search;
        }

        return null;
    }
}
