using System.Net.Mail;
using Moderation.Contracts;
using Moderation.Intake;

namespace Moderation.Api.Registrations.Rules;

/// <summary>
/// Field-level checks of an application, one message per wrong field in the JSON API's words. A
/// draft is checked only for what it has; a submission needs every field. Whether the division code
/// has a department and the board id is free needs the database: the workflow adds those.
/// </summary>
public static class ApplicationValidation
{
    public const int MaxNameLength = 200;
    public const int MaxTextLength = 8000;
    public const int MaxAttachments = 20;
    public const int MinSecurityManagementLength = 20;

    private static readonly string[] AddressSchemes = ["http", "https", "nntp", "news"];

    /// <param name="complete">True for a submission: a missing field is an error too.</param>
    public static Dictionary<string, string[]> Validate(ApplicationForm form, bool complete)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        // whatIsNeeded null: the field is optional.
        void Check(string field, string? value, string? whatIsNeeded, Func<string, string?> problem)
        {
            if (value is null)
            {
                if (complete && whatIsNeeded is not null)
                {
                    errors[field] = [$"required: {whatIsNeeded}"];
                }
            }
            else if (problem(value) is { } why)
            {
                errors[field] = [why];
            }
        }

        // The same rule as every id forums send (WireText), so an approved board can always be named in a post.
        Check("boardId", form.BoardId, $"the id forums will send as boardId ({WireText.IdCharacterSet})", id => WireText.IdProblem("boardId", id));
        Check("boardName", form.BoardName, "the name the public knows the board by", name => Length(name, MaxNameLength));
        Check("kind", form.Kind, "Bbs, ChatRoom or Newsgroup", kind =>
            Enum.GetNames<Channel>().Contains(kind, StringComparer.OrdinalIgnoreCase) ? null : $"'{Short(kind)}' is not a kind of board: use Bbs, ChatRoom or Newsgroup");
        Check("address", form.Address, "where the public reaches the board (http, https, nntp or news address)", address =>
            Uri.TryCreate(address, UriKind.Absolute, out var uri) && AddressSchemes.Contains(uri.Scheme) && address.Length <= 2000
                ? null
                : $"'{Short(address)}' is not an address the public can reach: give a full http(s)://, nntp:// or news: address");
        Check("organizingUnit", form.OrganizingUnit, "the organizing unit's registered name", name => Length(name, MaxNameLength));
        Check("creditCode", form.CreditCode, "the unit's unified social credit code", UnifiedSocialCreditCode.Problem);
        Check("responsiblePerson", form.ResponsiblePerson, "who answers for the board's security", name => Length(name, MaxNameLength));
        Check("contactPhone", form.ContactPhone, "a telephone number the department can call", phone =>
            phone.Length is >= 7 and <= 20 && phone.All(c => char.IsAsciiDigit(c) || c is '+' or '-' or ' ' or '(' or ')') && phone.Count(char.IsAsciiDigit) >= 7
                ? null
                : $"'{Short(phone)}' is not a telephone number: 7 to 20 digits, with '+', '-', spaces or brackets");
        Check("contactEmail", form.ContactEmail, "an e-mail address for decisions and notices", email =>
            MailAddress.TryCreate(email, out var parsed) && parsed.Address == email && email.Contains('.', StringComparison.Ordinal)
                ? null
                : $"'{Short(email)}' is not an e-mail address (name@example.cn)");
        Check("divisionCode", form.DivisionCode, "the GB/T 2260 code of the board's area, e.g. 110105", code =>
            Verdicts.Divisions.DivisionCode.Problem(code) is { } why ? $"'{Short(code)}' {why}" : null);
        Check("securityManagement", form.SecurityManagement, "the security management system in place (who watches content, how, what happens to a leak)", text =>
            text.Length < MinSecurityManagementLength
                ? $"too short to describe a security management system: at least {MinSecurityManagementLength} characters"
                : Length(text, MaxTextLength));
        Check("userAgreementUrl", form.UserAgreementUrl, "where the users' agreement is published", url =>
            Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? null
                : $"'{Short(url)}' is not an http(s) address of the users' agreement");
        Check("operatorId", form.OperatorId, null, id =>
            id.Length is >= 3 and <= 64 && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-') && char.IsAsciiLetterLower(id[0])
                ? null
                : $"'{Short(id)}' cannot name an operator: 3 to 64 lower-case letters, digits or '-', starting with a letter (it becomes the broker user and queue name)");

        if (complete)
        {
            Commitment(errors, "agreementBindsUsersToSecrecyLaw", form.AgreementBindsUsersToSecrecyLaw, "the users' agreement must bind users to the Law on Guarding State Secrets (Art. 12)");
            Commitment(errors, "agreementForbidsStateSecrets", form.AgreementForbidsStateSecrets, "the users' agreement must forbid publishing state secrets (Art. 12)");
            Commitment(errors, "reportsLeaksToDepartment", form.ReportsLeaksToDepartment, "the unit must commit to stop a leak, keep the record and report it to the department at once");
        }

        if (form.Attachments is { } attachments)
        {
            if (attachments.Count > MaxAttachments)
            {
                errors["attachments"] = [$"{attachments.Count} attachments; at most {MaxAttachments}"];
            }

            for (var i = 0; i < Math.Min(attachments.Count, MaxAttachments); i++)
            {
                var problems = new List<string>();
                if (attachments[i].Name is not { Length: > 0 and <= MaxNameLength })
                {
                    problems.Add($"name is required (at most {MaxNameLength} characters)");
                }

                if (attachments[i].Sha256 is not { Length: 64 } hash || !hash.All(char.IsAsciiHexDigitLower))
                {
                    problems.Add("sha256 must be the file's SHA-256 as 64 hexadecimal digits (sha256sum prints it)");
                }

                if (problems.Count > 0)
                {
                    errors[$"attachments[{i}]"] = [.. problems];
                }
            }
        }

        return errors;
    }

    private static void Commitment(Dictionary<string, string[]> errors, string field, bool given, string why)
    {
        if (!given)
        {
            errors[field] = [$"must be true: {why}"];
        }
    }

    private static string? Length(string value, int max) => value.Length > max ? $"is {value.Length} characters; at most {max:N0}" : null;

    private static string Short(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
