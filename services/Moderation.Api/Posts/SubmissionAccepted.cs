namespace Moderation.Api.Posts;

/// <summary>The answer to an accepted submission: stored, queued, and where to read the verdict.</summary>
public sealed record SubmissionAccepted(string BoardId, string PostId, int Revision, string Status, string Location);
