using System.Security.Claims;
using Clinic.BuildingBlocks.Security;
using Microsoft.AspNetCore.Authorization;

namespace Clinic.BuildingBlocks.Web;

/// <summary>The menu items the enabled modules contributed, filtered to those the user may open.</summary>
public sealed class Navigation(IEnumerable<MenuItem> items, IAuthorizationService authorization)
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
}
