using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Moderation.Standalone.Tests.Review;
using Moderation.Testing;

namespace Moderation.Standalone.Tests.Security;

/// <summary>
/// Every endpoint the host maps, called as every kind of caller: the roles the matrix names get
/// through, every other one is refused (401, 403, or a redirect to sign-in or "not permitted").
/// An endpoint missing from the matrix fails the test: add it, with who may call it.
/// </summary>
public sealed partial class AccessMatrixSpecs : IAsyncLifetime
{
    private const string Anonymous = "anonymous";
    private const string ForumKey = "forum key";
    private const string AdminKey = "admin key";
    private const string OfficerKey = "officer key";

    private static readonly string[] People = ["mod-a", "org-a", "off-bj", "adm"];
    private static readonly string[] Everyone = [Anonymous, ForumKey, AdminKey, OfficerKey, .. People];
    private static readonly string[] Admins = [AdminKey, "adm"];
    private static readonly string[] Officers = [OfficerKey, "off-bj", AdminKey, "adm"];
    private static readonly string[] Moderators = ["mod-a", "adm", AdminKey];
    private static readonly string[] Organizers = ["org-a", "adm", AdminKey];
    private static readonly string[] Machines = [ForumKey];
    private static readonly string[] SignedIn = [ForumKey, AdminKey, OfficerKey, .. People];

    /// <summary>Who may call each endpoint, by "METHOD route" ("*" for pages, which answer any method).</summary>
    private static readonly Dictionary<string, string[]> Matrix = new(StringComparer.Ordinal)
    {
        ["* /health/live"] = Everyone,
        ["* /health/ready"] = Everyone,
        ["POST /api/v1/posts"] = Machines,
        ["POST /api/v1/posts/batch"] = Machines,
        ["GET /api/v1/boards/{boardId}/posts/{postId}"] = Machines,
        ["GET /api/v1/verdicts"] = Machines,
        ["PUT /api/v1/webhook"] = Machines,
        ["GET /api/v1/webhook"] = Machines,
        ["DELETE /api/v1/webhook"] = Machines,
        ["POST /api/v1/rule-sets/"] = Admins,
        ["GET /api/v1/rule-sets/"] = Admins,
        ["GET /api/v1/rule-sets/active"] = Admins,
        ["GET /api/v1/rule-sets/{version}"] = Admins,
        ["POST /api/v1/rule-sets/{version}/activate"] = Admins,
        ["POST /api/v1/models/"] = Admins,
        ["GET /api/v1/models/"] = Admins,
        ["GET /api/v1/models/active"] = Admins,
        ["GET /api/v1/models/{version}"] = Admins,
        ["GET /api/v1/models/{version}/file"] = Admins,
        ["POST /api/v1/models/{version}/activate"] = Admins,
        ["POST /api/v1/models/rollback"] = Admins,
        ["POST /api/v1/fingerprints/"] = Officers,
        ["GET /api/v1/fingerprints/"] = Officers,
        ["GET /api/v1/fingerprints/{documentId}"] = Officers,
        ["GET /api/v1/scanner/"] = Officers,
        ["GET /api/v1/review/cases"] = Moderators,
        ["GET /api/v1/review/cases/{caseId:long}"] = Moderators,
        ["POST /api/v1/review/cases/{caseId:long}/claim"] = Moderators,
        ["DELETE /api/v1/review/cases/{caseId:long}/claim"] = Moderators,
        ["POST /api/v1/review/cases/{caseId:long}/decision"] = Moderators,
        ["GET /api/v1/review/selection"] = Moderators,
        ["POST /api/v1/review/claims/next"] = Moderators,
        ["GET /api/v1/review/reasons"] = Moderators,
        ["PUT /api/v1/review/reasons/{boardId}"] = Admins,
        ["POST /api/v1/review/decisions"] = Moderators,
        ["GET /api/v1/audit/"] = Admins,
        ["GET /api/v1/audit/verify"] = Admins,
        ["GET /api/v1/departments/"] = Admins,
        ["POST /api/v1/departments/import"] = Admins,
        ["GET /api/v1/departments/route/{divisionCode}"] = Admins,
        ["GET /api/v1/departments/{id}"] = Admins,
        ["PUT /api/v1/departments/{id}"] = Admins,
        ["GET /api/v1/incidents/"] = Officers,
        ["GET /api/v1/incidents/{incidentId:long}"] = Officers,
        ["POST /api/v1/incidents/{incidentId:long}/acknowledge"] = Officers,
        ["GET /api/v1/incidents/dead-letters"] = Officers,
        ["POST /api/v1/notifications/{notificationId:long}/retry"] = Admins,
        ["POST /api/v1/takedowns/"] = Officers,
        ["GET /api/v1/takedowns/"] = Officers,
        ["GET /api/v1/takedowns/{orderId}"] = Officers,
        ["POST /api/v1/rectifications/"] = Officers,
        ["GET /api/v1/rectifications/"] = Officers,
        ["GET /api/v1/rectifications/{orderId}"] = Officers,
        ["POST /api/v1/rectifications/{orderId}/complete"] = Officers,
        ["POST /api/v1/rectifications/{orderId}/suspend-board"] = Officers,
        ["POST /api/v1/receipts/"] = Everyone,
        ["POST /api/v1/registrations/"] = Organizers,
        ["GET /api/v1/registrations/"] = Organizers,
        ["GET /api/v1/registrations/notices"] = Organizers,
        ["GET /api/v1/registrations/{applicationId}"] = Organizers,
        ["PUT /api/v1/registrations/{applicationId}"] = Organizers,
        ["POST /api/v1/registrations/{applicationId}/submit"] = Organizers,
        ["POST /api/v1/registrations/{applicationId}/credentials"] = Organizers,
        ["POST /api/v1/registrations/{applicationId}/credentials/rotate"] = Organizers,
        ["GET /api/v1/registration-reviews/"] = Officers,
        ["GET /api/v1/registration-reviews/{applicationId}"] = Officers,
        ["POST /api/v1/registration-reviews/{applicationId}/decision"] = Officers,
        ["GET /api/v1/boards/"] = Officers,
        ["GET /api/v1/boards/{boardId}"] = Officers,
        ["GET /api/v1/operators/"] = Officers,
        ["* /hubs/queue/negotiate"] = Moderators,
        ["* /hubs/queue"] = Moderators,
        ["* account/sign-in"] = Everyone,
        ["* account/denied"] = Everyone,
        ["* account/sign-out"] = SignedIn,
        ["* "] = SignedIn,
        ["* queue"] = Moderators,
        ["* cases/{caseId:long}"] = Moderators,
        ["* queue/bulk"] = Moderators,
        ["* reasons"] = Admins,
        ["* dashboard"] = Moderators,
        ["* audit"] = Admins,
        ["* officer"] = Officers,
        ["* officer/incidents/{incidentId:long}"] = Officers,
        ["* officer/orders"] = Officers,
        ["* officer/registrations"] = Officers,
        ["* officer/registrations/{applicationId}"] = Officers,
        ["* registrations"] = Organizers,
        ["* registrations/{applicationId}"] = Organizers,
    };

    private ReviewHost _host = null!;
    private readonly Dictionary<string, HttpClient> _callers = [];

    public async Task InitializeAsync()
    {
        _host = await ReviewHost.StartAsync();
        _callers[Anonymous] = _host.Anonymous();
        _callers[ForumKey] = _host.Anonymous().WithApiKey(TestCredentials.ForumKey);
        _callers[AdminKey] = _host.Anonymous().WithApiKey(TestCredentials.AdminKey);
        _callers[OfficerKey] = _host.Anonymous().WithApiKey(TestCredentials.OfficerKey);
        foreach (var person in People)
        {
            _callers[person] = await _host.SignInAsync(person);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var caller in _callers.Values)
        {
            caller.Dispose();
        }

        await _host.DisposeAsync();
    }

    [Fact]
    public void Every_mapped_endpoint_is_in_the_matrix()
    {
        var missing = Endpoints().Select(e => e.Key).Where(k => !Matrix.ContainsKey(k)).ToList();

        string.Join("\n", missing).Should().BeEmpty("each endpoint needs a row in AccessMatrixSpecs.Matrix saying who may call it");
    }

    [Fact]
    public async Task Every_endpoint_refuses_every_role_the_matrix_does_not_name_and_admits_those_it_does()
    {
        var caseId = await _host.OpenCaseAsync("matrix-1");
        var wrong = new List<string>();
        foreach (var (key, method, path) in Endpoints())
        {
            var allowed = Matrix.TryGetValue(key, out var roles) ? roles : [];
            foreach (var (caller, http) in _callers)
            {
                var url = Fill(path, caseId);
                using var request = new HttpRequestMessage(new HttpMethod(method != "*" ? method : path.EndsWith("/negotiate", StringComparison.Ordinal) ? "POST" : "GET"), url);
                if (request.Method == HttpMethod.Post || request.Method == HttpMethod.Put)
                {
                    request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                }

                using var response = await http.SendAsync(request);
                var refused = Refused(response);
                if (refused == allowed.Contains(caller))
                {
                    wrong.Add($"{key} as {caller}: {(int)response.StatusCode} {response.Headers.Location}");
                }
            }
        }

        string.Join("\n", wrong).Should().BeEmpty();
    }

    private IEnumerable<(string Key, string Method, string Path)> Endpoints()
    {
        foreach (var endpoint in EndpointCatalog.All(_host.Factory.Services))
        {
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
            var pattern = endpoint.RoutePattern.RawText ?? "";
            foreach (var method in methods.Count == 0 ? ["*"] : methods.Where(m => m != "OPTIONS"))
            {
                yield return ($"{method} {pattern}", method, pattern);
            }
        }
    }

    private static string Fill(string pattern, long caseId)
    {
        var path = ParameterPattern().Replace(pattern, m => m.Groups[1].Value switch
        {
            "caseId" => caseId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ when m.Groups[2].Value is ":long" or ":int" => "1",
            "id" => "1",
            "divisionCode" => "110105",
            "orderId" => "o-1",
            "boardId" => "demo-board",
            "postId" => "p-1",
            "version" => "v-1",
            "documentId" => "doc-1",
            _ => "x",
        });
        return "/" + path.TrimStart('/');
    }

    private static bool Refused(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
        || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString is { } location
            && (location.Contains("/account/sign-in", StringComparison.Ordinal) || location.Contains("/account/denied", StringComparison.Ordinal)));

    [GeneratedRegex(@"\{([a-zA-Z]+)(:[^}]*)?\??\}")]
    private static partial Regex ParameterPattern();
}
