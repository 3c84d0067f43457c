using System.Net;
using System.Net.Http.Headers;

namespace Moderation.Cli.Load;

/// <summary>Submits posts through HTTP ingest (<c>POST /api/v1/posts</c>) with each operator's own API key, as a forum without AMQP does.</summary>
public sealed class HttpSender(Uri api, IReadOnlyList<LoadOperator> operators, HttpMessageHandler? handler = null) : IPostSender
{
    private readonly HttpClient _http = new(handler ?? new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(5) }, disposeHandler: handler is null)
    {
        BaseAddress = new Uri(api.ToString().TrimEnd('/') + "/"),
        Timeout = TimeSpan.FromSeconds(60),
    };

    private readonly AuthenticationHeaderValue[] _keys = [.. operators.Select(o => new AuthenticationHeaderValue("Bearer", o.ApiKey))];

    public async Task<SendFailure?> SendAsync(LoadPost post, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/posts") { Content = new ReadOnlyMemoryContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = _keys[post.Operator];
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Accepted || response.IsSuccessStatusCode)
            {
                return null;
            }

            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return new SendFailure($"POST /api/v1/posts for {post.Key}: {(int)response.StatusCode} {text[..Math.Min(text.Length, 300)]}", SendFailure.Passes((int)response.StatusCode));
        }
        catch (HttpRequestException ex)
        {
            return new SendFailure($"POST /api/v1/posts for {post.Key}: {ex.Message}", Transient: true);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SendFailure($"POST /api/v1/posts for {post.Key}: no answer within {_http.Timeout.TotalSeconds:0} s", Transient: true);
        }
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }
}
