namespace Moderation.Detection.Matching;

/// <summary>A term found in normalised text: the payload the term was registered with, and where.</summary>
internal readonly record struct TermMatch(int Payload, int Start, int Length);
