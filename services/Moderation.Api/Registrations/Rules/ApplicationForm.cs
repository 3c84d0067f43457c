namespace Moderation.Api.Registrations.Rules;

/// <summary>
/// What an organizer applies with (Art. 10, 12), in the JSON API's words. Every field may be missing
/// in a draft; <see cref="ApplicationValidation"/> says what is wrong with each.
/// </summary>
public sealed record ApplicationForm
{
    /// <summary>The id forums will send in <c>boardId</c> once approved.</summary>
    public string? BoardId { get; init; }

    public string? BoardName { get; init; }

    /// <summary><c>Bbs</c>, <c>ChatRoom</c> or <c>Newsgroup</c> (the contracts' <c>Channel</c>).</summary>
    public string? Kind { get; init; }

    /// <summary>Where the public reaches the board: an http(s), nntp or news address.</summary>
    public string? Address { get; init; }

    public string? OrganizingUnit { get; init; }

    /// <summary>The organizing unit's unified social credit code (GB 32100).</summary>
    public string? CreditCode { get; init; }

    public string? ResponsiblePerson { get; init; }

    public string? ContactPhone { get; init; }

    public string? ContactEmail { get; init; }

    /// <summary>GB/T 2260 code of the board's area; picks the department that reviews it.</summary>
    public string? DivisionCode { get; init; }

    /// <summary>The security management system in place: who watches content, how, what happens to a leak.</summary>
    public string? SecurityManagement { get; init; }

    /// <summary>Where the users' agreement is published.</summary>
    public string? UserAgreementUrl { get; init; }

    /// <summary>Art. 12: the agreement binds users to the Law on Guarding State Secrets.</summary>
    public bool AgreementBindsUsersToSecrecyLaw { get; init; }

    /// <summary>Art. 12: the agreement forbids publishing state secrets.</summary>
    public bool AgreementForbidsStateSecrets { get; init; }

    /// <summary>The unit stops a leak, keeps the record and reports it to the department at once.</summary>
    public bool ReportsLeaksToDepartment { get; init; }

    /// <summary>
    /// Art. 9: the board holds a post republished from another outlet without the provider's consent
    /// reference. Carried to the board when the application is approved.
    /// </summary>
    public bool RepublicationRequiresConsent { get; init; }

    /// <summary>
    /// The integration (broker user, verdict queue, API key) the board publishes through. Optional:
    /// <c>op-</c> + the credit code in lower case; an organizer with several boards may name one they already have.
    /// </summary>
    public string? OperatorId { get; init; }

    /// <summary>Supporting documents by SHA-256; the files stay with the organizer until the officer asks.</summary>
    public IReadOnlyList<Attachment>? Attachments { get; init; }

    /// <summary>The operator the board publishes through: the one named, or the unit's default.</summary>
    public string? EffectiveOperatorId =>
        !string.IsNullOrWhiteSpace(OperatorId) ? OperatorId.Trim()
        : UnifiedSocialCreditCode.IsValid(CreditCode) ? "op-" + CreditCode!.ToLowerInvariant()
        : null;

    /// <summary>The same form with surrounding blanks removed and the credit code in capitals.</summary>
    public ApplicationForm Normalised() => this with
    {
        BoardId = Trim(BoardId),
        BoardName = Trim(BoardName),
        Kind = Trim(Kind),
        Address = Trim(Address),
        OrganizingUnit = Trim(OrganizingUnit),
        CreditCode = Trim(CreditCode)?.ToUpperInvariant(),
        ResponsiblePerson = Trim(ResponsiblePerson),
        ContactPhone = Trim(ContactPhone),
        ContactEmail = Trim(ContactEmail),
        DivisionCode = Trim(DivisionCode),
        SecurityManagement = Trim(SecurityManagement),
        UserAgreementUrl = Trim(UserAgreementUrl),
        OperatorId = Trim(OperatorId),
        Attachments = Attachments?.Select(a => new Attachment(Trim(a.Name), Trim(a.Sha256)?.ToLowerInvariant())).ToList(),
    };

    private static string? Trim(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>A supporting document named by its SHA-256 (64 hex digits).</summary>
public sealed record Attachment(string? Name, string? Sha256);
