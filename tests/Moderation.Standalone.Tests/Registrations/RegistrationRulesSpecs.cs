using CsCheck;
using Moderation.Api.Registrations.Rules;

namespace Moderation.Standalone.Tests.Registrations;

/// <summary>The pure rules of registration: the credit code's check character, the state machine, field validation, the review deadline.</summary>
public sealed class RegistrationRulesSpecs
{
    private static readonly Gen<string> First17 = Gen.Select(
        Gen.Char[UnifiedSocialCreditCode.Alphabet].Array[2],
        Gen.Char['0', '9'].Array[6],
        Gen.Char[UnifiedSocialCreditCode.Alphabet].Array[9],
        (head, division, rest) => new string([.. head, .. division, .. rest]));

    private static readonly Gen<string> ValidCode = First17.Select(f => f + UnifiedSocialCreditCode.CheckCharacter(f));

    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("91110105MA01DE7X27")]
    public void Published_codes_pass(string code) => UnifiedSocialCreditCode.Problem(code).Should().BeNull();

    [Fact]
    public void A_code_with_its_computed_check_character_is_always_valid() =>
        ValidCode.Sample(code => UnifiedSocialCreditCode.IsValid(code));

    /// <summary>The weights 3^i mod 31 are non-zero modulo the prime 31, so one changed character always changes the sum.</summary>
    [Fact]
    public void Any_single_mistyped_character_is_caught() =>
        Gen.Select(ValidCode, Gen.Int[0, 17], Gen.Int[1, 30]).Sample((code, position, shift) =>
        {
            var alphabet = UnifiedSocialCreditCode.Alphabet;
            var replaced = alphabet[(alphabet.IndexOf(code[position]) + shift) % alphabet.Length];
            return !UnifiedSocialCreditCode.IsValid(string.Concat(code.AsSpan(0, position), replaced.ToString(), code.AsSpan(position + 1)));
        });

    /// <summary>Swapping neighbours i and i+1 changes the sum by (a - b)(w(i) - w(i+1)) = -2 w(i) (a - b) mod 31, never 0.</summary>
    [Fact]
    public void Two_different_neighbours_swapped_among_the_first_17_are_caught() =>
        Gen.Select(ValidCode, Gen.Int[0, 15]).Sample((code, position) =>
        {
            var chars = code.ToCharArray();
            (chars[position], chars[position + 1]) = (chars[position + 1], chars[position]);
            return code[position] == code[position + 1] || !UnifiedSocialCreditCode.IsValid(new string(chars));
        });

    [Theory]
    [InlineData(null, "required")]
    [InlineData("9135010", "must be exactly 18 characters; this one has 7")]
    [InlineData("91350100M000100Y4I", "character 18 'I' is not allowed")]
    [InlineData("9135A100M000100Y43", "characters 3 to 8 are the registering authority's division code")]
    [InlineData("91350100M000100Y44", "check character (the 18th) is '4' but the first 17 characters give '3'")]
    public void Each_wrong_code_says_why(string? code, string expected) =>
        UnifiedSocialCreditCode.Problem(code).Should().Contain(expected);

    [Fact]
    public void The_state_machine_is_the_issues_and_nothing_more()
    {
        var all = Enum.GetValues<ApplicationStatus>();
        var allowed = new List<string>();
        foreach (var transition in Enum.GetValues<Transition>())
        {
            foreach (var from in all)
            {
                if (RegistrationTransitions.Check(from, transition, RegistrationTransitions.ActorOf(transition), "why") is null)
                {
                    allowed.Add($"{RegistrationTransitions.ActorOf(transition)}: {from} -{transition}-> {RegistrationTransitions.Target(transition)}");
                }
            }
        }

        allowed.Should().BeEquivalentTo(
            "Organizer: Draft -Submit-> Submitted",
            "Organizer: ChangesRequested -Submit-> Submitted",
            "Officer: Submitted -StartReview-> UnderReview",
            "Officer: UnderReview -Approve-> Approved",
            "Officer: UnderReview -Reject-> Rejected",
            "Officer: UnderReview -RequestChanges-> ChangesRequested",
            "Officer: Approved -Suspend-> Suspended",
            "Officer: Suspended -Reinstate-> Approved",
            "Officer: Suspended -Revoke-> Revoked");
    }

    [Fact]
    public void Who_may_do_what_and_why_not()
    {
        RegistrationTransitions.Check(ApplicationStatus.UnderReview, Transition.Approve, RegistrationActor.Organizer, "x")!.Kind.Should().Be(TransitionRefusalKind.NotYours);
        RegistrationTransitions.Check(ApplicationStatus.Draft, Transition.Submit, RegistrationActor.Officer, "x")!.Kind.Should().Be(TransitionRefusalKind.NotYours);
        RegistrationTransitions.Check(ApplicationStatus.Submitted, Transition.Approve, RegistrationActor.Officer, "x")!.Problem
            .Should().Be("cannot approve an application that is Submitted: only one that is UnderReview (it would become Approved)");
        RegistrationTransitions.Check(ApplicationStatus.UnderReview, Transition.Reject, RegistrationActor.Officer, " ")!.Problem.Should().StartWith("reason is required");
        RegistrationTransitions.Check(ApplicationStatus.Draft, Transition.Submit, RegistrationActor.Organizer, null).Should().BeNull("the organizer's note is optional");
        RegistrationTransitions.Available(ApplicationStatus.UnderReview, RegistrationActor.Officer).Should().Equal(Transition.Approve, Transition.Reject, Transition.RequestChanges);
        RegistrationTransitions.Available(ApplicationStatus.Revoked, RegistrationActor.Officer).Should().BeEmpty();
    }

    [Fact]
    public void A_complete_form_has_no_errors() =>
        ApplicationValidation.Validate(Api.Registrations.Demo.DemoRegistrations.Form("b-1", "Board"), complete: true).Should().BeEmpty();

    [Fact]
    public void An_empty_draft_is_fine_but_an_empty_submission_names_every_field()
    {
        ApplicationValidation.Validate(new ApplicationForm(), complete: false).Should().BeEmpty();

        var errors = ApplicationValidation.Validate(new ApplicationForm(), complete: true);

        errors.Keys.Should().BeEquivalentTo(
            "boardId", "boardName", "kind", "address", "organizingUnit", "creditCode", "responsiblePerson", "contactPhone", "contactEmail",
            "divisionCode", "securityManagement", "userAgreementUrl", "agreementBindsUsersToSecrecyLaw", "agreementForbidsStateSecrets", "reportsLeaksToDepartment");
        errors["agreementBindsUsersToSecrecyLaw"].Single().Should().Contain("Art. 12");
        errors["creditCode"].Single().Should().StartWith("required:");
    }

    [Fact]
    public void Wrong_fields_say_what_is_wrong_in_the_apis_words()
    {
        var form = Api.Registrations.Demo.DemoRegistrations.Form("b-1", "Board") with
        {
            BoardId = "no spaces",
            Kind = "Forum",
            Address = "ftp://x",
            CreditCode = "91350100M000100Y44",
            ContactPhone = "call me",
            ContactEmail = "nobody",
            DivisionCode = "990000",
            OperatorId = "Op_1",
            Attachments = [new Attachment("licence.pdf", "abc")],
        };

        var errors = ApplicationValidation.Validate(form, complete: false);

        errors.Keys.Should().BeEquivalentTo("boardId", "kind", "address", "creditCode", "contactPhone", "contactEmail", "divisionCode", "operatorId", "attachments[0]");
        errors["kind"].Single().Should().Be("'Forum' is not a kind of board: use Bbs, ChatRoom or Newsgroup");
        errors["attachments[0]"].Single().Should().StartWith("sha256 must be the file's SHA-256");
        errors.Values.SelectMany(v => v).Should().NotContain(m => m.Contains("System.", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("2026-12-07T10:00:00+08:00", 20, "2027-01-05T00:00:00+08:00")] // Monday: 20 working days end Monday 4 January
    [InlineData("2026-12-05T23:30:00+08:00", 1, "2026-12-08T00:00:00+08:00")] // Saturday: the first working day is Monday 7th
    [InlineData("2026-12-04T17:00:00+00:00", 1, "2026-12-08T00:00:00+08:00")] // Friday in UTC is Saturday 01:00 in Beijing
    public void The_review_deadline_counts_working_days_in_China_Standard_Time(string submitted, int days, string due) =>
        ReviewDeadline.After(DateTimeOffset.Parse(submitted, System.Globalization.CultureInfo.InvariantCulture), days)
            .Should().Be(DateTimeOffset.Parse(due, System.Globalization.CultureInfo.InvariantCulture));
}
