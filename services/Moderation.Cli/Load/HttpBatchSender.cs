using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Channels;

namespace Moderation.Cli.Load;

/// <summary>
/// Submits posts through the bulk endpoint (<c>POST /api/v1/posts/batch</c>), as a forum that
/// forwards its posts in bulk does: the posts waiting for one operator are sent together, up to
/// <c>batchSize</c> a request and <see cref="RequestsPerOperator"/> requests at once, with no
/// lingering (under light load a request carries what is waiting, one post or more). Each post is
/// answered from its own place in the batch's <c>results</c>.
/// </summary>
public sealed class HttpBatchSender : IPostSender
{
    /// <summary>Requests one operator has open at once: enough to overlap a request's round trip with the next batch's building.</summary>
    public const int RequestsPerOperator = 4;

    private readonly HttpClient _http;
    private readonly int _batchSize;
    private readonly AuthenticationHeaderValue[] _keys;
    private readonly Channel<Pending>[] _waiting;
    private readonly Task[] _senders;

    public HttpBatchSender(Uri api, IReadOnlyList<LoadOperator> operators, int batchSize, HttpMessageHandler? handler = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _http = new HttpClient(handler ?? new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromMinutes(5) }, disposeHandler: handler is null)
        {
            BaseAddress = new Uri(api.ToString().TrimEnd('/') + "/"),
            Timeout = TimeSpan.FromSeconds(60),
        };
        _batchSize = batchSize;
        _keys = [.. operators.Select(o => new AuthenticationHeaderValue("Bearer", o.ApiKey))];
        _waiting = [.. operators.Select(_ => Channel.CreateUnbounded<Pending>())];
        _senders = [.. Enumerable.Range(0, operators.Count).SelectMany(o => Enumerable.Range(0, RequestsPerOperator).Select(_ => SendLoopAsync(o)))];
    }

    public Task<SendFailure?> SendAsync(LoadPost post, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var pending = new Pending(post, body);
        if (!_waiting[post.Operator].Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(HttpBatchSender));
        }

        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    private async Task SendLoopAsync(int operatorIndex)
    {
        var reader = _waiting[operatorIndex].Reader;
        var batch = new List<Pending>(_batchSize);
        while (await reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _batchSize && reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            var answers = await SendBatchAsync(operatorIndex, batch);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(answers[i]);
            }
        }
    }

    /// <summary>One request for the batch; an answer per post, null where it was queued.</summary>
    private async Task<SendFailure?[]> SendBatchAsync(int operatorIndex, List<Pending> batch)
    {
        var what = $"POST /api/v1/posts/batch of {batch.Count} post(s) from {batch[0].Post.Key}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/posts/batch") { Content = new ByteArrayContent(Body(batch)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = _keys[operatorIndex];
        try
        {
            using var response = await _http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return Same(batch.Count, new SendFailure($"{what}: {(int)response.StatusCode} {text[..Math.Min(text.Length, 300)]}", SendFailure.Passes((int)response.StatusCode)));
            }

            return Answers(batch, text);
        }
        catch (HttpRequestException ex)
        {
            return Same(batch.Count, new SendFailure($"{what}: {ex.Message}", Transient: true));
        }
        catch (TaskCanceledException)
        {
            return Same(batch.Count, new SendFailure($"{what}: no answer within {_http.Timeout.TotalSeconds:0} s", Transient: true));
        }
    }

    /// <summary>The request body: <c>{"posts":[…]}</c> around the posts' own wire bytes, which are not parsed again.</summary>
    internal static byte[] Body(IReadOnlyList<Pending> batch)
    {
        var prefix = "{\"posts\":["u8;
        var length = prefix.Length + 2 + batch.Sum(p => p.Body.Length) + Math.Max(0, batch.Count - 1);
        var body = new byte[length];
        prefix.CopyTo(body);
        var at = prefix.Length;
        for (var i = 0; i < batch.Count; i++)
        {
            if (i > 0)
            {
                body[at++] = (byte)',';
            }

            batch[i].Body.Span.CopyTo(body.AsSpan(at));
            at += batch[i].Body.Length;
        }

        body[at++] = (byte)']';
        body[at] = (byte)'}';
        return body;
    }

    /// <summary>Each post's answer from its place in <c>results</c>; a post the answer does not account for is a failure that names it.</summary>
    internal static SendFailure?[] Answers(IReadOnlyList<Pending> batch, string json)
    {
        var answers = new SendFailure?[batch.Count];
        var answered = new bool[batch.Count];
        using var document = JsonDocument.Parse(json);
        foreach (var result in document.RootElement.GetProperty("results").EnumerateArray())
        {
            var index = result.GetProperty("index").GetInt32();
            if (index < 0 || index >= batch.Count)
            {
                continue;
            }

            answered[index] = true;
            if (result.GetProperty("outcome").GetString() == "queued")
            {
                continue;
            }

            var status = result.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt32() : 0;
            var detail = result.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : result.GetRawText();
            answers[index] = new SendFailure($"POST /api/v1/posts/batch for {batch[index].Post.Key}: {status} {detail}", SendFailure.Passes(status));
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (!answered[i])
            {
                answers[i] = new SendFailure($"POST /api/v1/posts/batch for {batch[i].Post.Key}: the answer has no result at index {i}", Transient: false);
            }
        }

        return answers;
    }

    private static SendFailure?[] Same(int count, SendFailure failure) => Enumerable.Repeat<SendFailure?>(failure, count).ToArray();

    public async ValueTask DisposeAsync()
    {
        foreach (var waiting in _waiting)
        {
            waiting.Writer.TryComplete();
        }

        await Task.WhenAll(_senders);
        _http.Dispose();
    }

    internal sealed class Pending(LoadPost post, ReadOnlyMemory<byte> body)
    {
        public LoadPost Post { get; } = post;

        public ReadOnlyMemory<byte> Body { get; } = body;

        // The run's send continues on its own thread, not inside the loop that answers the batch.
        public TaskCompletionSource<SendFailure?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
