using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Moderation.Api.Security;
using Moderation.Storage.Audit;

namespace Moderation.Api.Pages.Audit;

/// <summary>The audit log for administrators, newest first, with the chain's state.</summary>
[Authorize(Policy = AccessPolicies.Admin)]
public sealed class IndexModel(AuditLog audit) : PageModel
{
    public IReadOnlyList<AuditRecord> Rows { get; private set; } = [];

    public AuditVerification? Verification { get; private set; }

    public async Task OnGetAsync([FromQuery] long? before, [FromQuery] bool verify, CancellationToken cancellationToken)
    {
        Rows = await audit.ListAsync(before, 100, null, cancellationToken);
        Verification = verify ? await audit.VerifyAsync(cancellationToken) : null;
    }
}
