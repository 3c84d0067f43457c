using Moderation.Contracts;

namespace Moderation.Api.Posts;

/// <summary>The body of <c>POST /api/v1/posts/batch</c>: posts in their JSON wire form.</summary>
public sealed record PostBatch(PostSubmitted[]? Posts);

/// <summary>The answer to a batch: how many were accepted and refused, and each post's result in the order sent.</summary>
public sealed record BatchSubmissionResult(int Accepted, int Rejected, IReadOnlyList<BatchItemResult> Results);

/// <summary>
/// One post of a batch: <c>queued</c> with where to read its verdict (status 202), or <c>rejected</c>
/// with the status, title and detail a single submission would have been answered with, and for a
/// malformed post one message per field.
/// </summary>
public sealed record BatchItemResult(
    int Index,
    string? BoardId,
    string? PostId,
    int Revision,
    string Outcome,
    string? Location,
    int Status,
    string? Title = null,
    string? Detail = null,
    string? Code = null,
    IReadOnlyDictionary<string, string[]>? Errors = null);
