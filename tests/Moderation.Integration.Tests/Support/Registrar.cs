using System.Net.Http.Json;
using Moderation.Api.Registrations.Demo;
using Moderation.Api.Registrations.Rules;
using Moderation.Onboarding;
using Moderation.Testing;

namespace Moderation.Integration.Tests.Support;

/// <summary>
/// Boards and operators made as a deployment makes them, through the real Api over HTTP: the
/// organizer <c>org-a</c> applies, the test officer (Beijing, 110000) approves, and the organizer
/// collects the credentials once. The HTTP calls are <see cref="RegistrationClient"/>'s; this class
/// only knows the test accounts and a complete form.
/// </summary>
public sealed class Registrar : IDisposable
{
    /// <summary>Chaoyang, Beijing: within the test officer's area, and in the directory as <see cref="DepartmentId"/>.</summary>
    public const string DivisionCode = "110105";

    public const string DepartmentId = "bj-chaoyang";

    /// <summary>A valid unified social credit code (GB 32100 check character); operators are named explicitly, so every board may share it.</summary>
    public const string CreditCode = "91330106MA2H8KX1PF";

    private readonly HttpClient _organizer;
    private readonly HttpClient _officer;

    private Registrar(HttpClient organizer, HttpClient officer)
    {
        _organizer = organizer;
        _officer = officer;
        Client = new RegistrationClient(organizer, officer);
    }

    public RegistrationClient Client { get; }

    /// <summary>
    /// Signs the organizer in at <paramref name="api"/> (which must run with insecure cookies, being
    /// plain http) and makes sure the board's division has a department in the directory, as an
    /// administrator would before any application.
    /// </summary>
    public static async Task<Registrar> ConnectAsync(Uri api)
    {
        using (var admin = RegistrationClient.WithApiKey(api, TestCredentials.AdminKey))
        {
            var department = await admin.GetAsync(new Uri($"/api/v1/departments/{DepartmentId}", UriKind.Relative));
            if (!department.IsSuccessStatusCode)
            {
                var put = await admin.PutAsJsonAsync(new Uri($"/api/v1/departments/{DepartmentId}", UriKind.Relative),
                    new { id = DepartmentId, name = "朝阳分局", divisionCode = DivisionCode, endpoints = Array.Empty<object>() });
                put.EnsureSuccessStatusCode();
            }
        }

        var organizer = await RegistrationClient.SignInAsync(api, "org-a", TestCredentials.Password);
        return new Registrar(organizer, RegistrationClient.WithApiKey(api, TestCredentials.OfficerKey));
    }

    /// <summary>A complete application for a BBS in <see cref="DivisionCode"/>, published through <paramref name="operatorId"/>.</summary>
    public static ApplicationForm Form(string boardId, string operatorId, bool republicationRequiresConsent = false) =>
        DemoRegistrations.Form(boardId, $"Board {boardId}") with
        {
            OrganizingUnit = "Integration Test Forum Co., Ltd.",
            CreditCode = CreditCode,
            DivisionCode = DivisionCode,
            OperatorId = operatorId,
            ContactEmail = "security@integration.example.cn",
            RepublicationRequiresConsent = republicationRequiresConsent,
        };

    /// <summary>A new operator's first board: applied for, approved, credentials collected.</summary>
    public Task<(string ApplicationId, IssuedCredentials Credentials)> RegisterAsync(string boardId, string operatorId, bool republicationRequiresConsent = false) =>
        Client.RegisterAsync(Form(boardId, operatorId, republicationRequiresConsent));

    /// <summary>A further board of an operator that has its credentials already: applied for and approved.</summary>
    public Task<string> ApprovedAsync(string boardId, string operatorId, bool republicationRequiresConsent = false) =>
        Client.ApprovedAsync(Form(boardId, operatorId, republicationRequiresConsent));

    public void Dispose()
    {
        _organizer.Dispose();
        _officer.Dispose();
    }
}
