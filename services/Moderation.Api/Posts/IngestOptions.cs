using System.ComponentModel.DataAnnotations;

namespace Moderation.Api.Posts;

/// <summary><c>Moderation:Ingest</c>: how HTTP ingest groups the posts it stores and queues.</summary>
public sealed class IngestOptions
{
    public const string Section = "Moderation:Ingest";

    /// <summary>
    /// The most posts written in one transaction and published together. Posts that arrive while a
    /// batch is being written wait for the next one, so a lone post is never held back.
    /// </summary>
    [Range(1, 2000)]
    public int MaxBatch { get; set; } = 256;

    /// <summary>Batches written at once: while one waits on the database, the next can be published.</summary>
    [Range(1, 16)]
    public int Writers { get; set; } = 2;

    /// <summary>The most posts one <c>POST /api/v1/posts/batch</c> may carry.</summary>
    [Range(1, 5000)]
    public int MaxPostsPerRequest { get; set; } = 500;
}
