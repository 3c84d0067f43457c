using System.Collections.Frozen;

namespace Moderation.Api.Registrations.Rules;

/// <summary>Who acts on an application: the organizer who owns it, or an officer of the board's area.</summary>
public enum RegistrationActor
{
    Organizer,
    Officer,
}

/// <summary>
/// The registration state machine (Art. 10): Draft or ChangesRequested → Submitted by the organizer;
/// Submitted → UnderReview → Approved | Rejected | ChangesRequested and Approved → Suspended →
/// Approved | Revoked by an officer of the department with jurisdiction. Every transition carries a
/// reason; the organizer's submission may leave it out (it then reads "submitted").
/// </summary>
public static class RegistrationTransitions
{
    public const int MaxReasonLength = 2000;

    private static readonly FrozenDictionary<Transition, (ApplicationStatus[] From, ApplicationStatus To, RegistrationActor By)> Table =
        new Dictionary<Transition, (ApplicationStatus[], ApplicationStatus, RegistrationActor)>
        {
            [Transition.Submit] = ([ApplicationStatus.Draft, ApplicationStatus.ChangesRequested], ApplicationStatus.Submitted, RegistrationActor.Organizer),
            [Transition.StartReview] = ([ApplicationStatus.Submitted], ApplicationStatus.UnderReview, RegistrationActor.Officer),
            [Transition.Approve] = ([ApplicationStatus.UnderReview], ApplicationStatus.Approved, RegistrationActor.Officer),
            [Transition.Reject] = ([ApplicationStatus.UnderReview], ApplicationStatus.Rejected, RegistrationActor.Officer),
            [Transition.RequestChanges] = ([ApplicationStatus.UnderReview], ApplicationStatus.ChangesRequested, RegistrationActor.Officer),
            [Transition.Suspend] = ([ApplicationStatus.Approved], ApplicationStatus.Suspended, RegistrationActor.Officer),
            [Transition.Reinstate] = ([ApplicationStatus.Suspended], ApplicationStatus.Approved, RegistrationActor.Officer),
            [Transition.Revoke] = ([ApplicationStatus.Suspended], ApplicationStatus.Revoked, RegistrationActor.Officer),
        }.ToFrozenDictionary();

    /// <summary>The status <paramref name="transition"/> leads to.</summary>
    public static ApplicationStatus Target(Transition transition) => Table[transition].To;

    /// <summary>Who may make <paramref name="transition"/>.</summary>
    public static RegistrationActor ActorOf(Transition transition) => Table[transition].By;

    /// <summary>The transitions <paramref name="actor"/> may make from <paramref name="status"/>, for the pages' buttons.</summary>
    public static IReadOnlyList<Transition> Available(ApplicationStatus status, RegistrationActor actor) =>
        [.. Table.Where(t => t.Value.By == actor && t.Value.From.Contains(status)).Select(t => t.Key).Order()];

    /// <summary>Why <paramref name="actor"/> may not make <paramref name="transition"/> from <paramref name="status"/> with <paramref name="reason"/>; null when it may.</summary>
    public static TransitionRefusal? Check(ApplicationStatus status, Transition transition, RegistrationActor actor, string? reason)
    {
        var (from, to, by) = Table[transition];
        if (by != actor)
        {
            return new TransitionRefusal(TransitionRefusalKind.NotYours,
                by == RegistrationActor.Officer
                    ? $"only an officer of the board's area may {Verb(transition)} an application"
                    : $"only the organizer who owns the application may {Verb(transition)} it");
        }

        if (!from.Contains(status))
        {
            return new TransitionRefusal(TransitionRefusalKind.WrongState,
                $"cannot {Verb(transition)} an application that is {status}: only one that is {string.Join(" or ", from)} (it would become {to})");
        }

        if (by == RegistrationActor.Officer && string.IsNullOrWhiteSpace(reason))
        {
            return new TransitionRefusal(TransitionRefusalKind.Invalid, "reason is required: say why, the organizer reads it");
        }

        return reason is { Length: > MaxReasonLength }
            ? new TransitionRefusal(TransitionRefusalKind.Invalid, $"reason is {reason.Length} characters; at most {MaxReasonLength:N0}")
            : null;
    }

    /// <summary>How the transition reads in a sentence ("approve", "request changes to").</summary>
    public static string Verb(Transition transition) => transition switch
    {
        Transition.StartReview => "start reviewing",
        Transition.RequestChanges => "request changes to",
        _ => transition.ToString().ToLowerInvariant(),
    };
}

public enum TransitionRefusalKind
{
    /// <summary>The caller is not the party who makes this transition.</summary>
    NotYours,

    /// <summary>The application is not in a state this transition leaves from (409).</summary>
    WrongState,

    /// <summary>The request itself is incomplete (400, field <c>reason</c>).</summary>
    Invalid,
}

public sealed record TransitionRefusal(TransitionRefusalKind Kind, string Problem);
