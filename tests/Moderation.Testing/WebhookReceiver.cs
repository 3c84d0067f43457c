using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Moderation.Webhooks;

namespace Moderation.Testing;

/// <summary>
/// A department's webhook endpoint as a careful department would run it: verifies the Standard
/// Webhooks signature and timestamp, refuses a captured message sent again, and processes each
/// delivery id once (a retry of a delivery it already has is answered 200 and not processed again).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, byte> _seenMessages = new();
    private readonly ConcurrentDictionary<string, int> _inFlight = new();
    private int _maxSameIdInFlight;

    private WebhookReceiver(WebApplication app) => _app = app;

    public string Secret { get; private init; } = "";

    public Uri Url { get; private set; } = null!;

    /// <summary>Answer 503 to everything (the department's system is down).</summary>
    public bool Down { get; set; }

    /// <summary>How long each request takes to answer.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Processed deliveries by id, with their bodies.</summary>
    public ConcurrentDictionary<string, string> Processed { get; } = new();

    /// <summary>Every id processed, in order, duplicates included (there must be none).</summary>
    public ConcurrentQueue<string> ProcessedLog { get; } = new();

    public ConcurrentQueue<(string Id, WebhookCheck Check)> Refused { get; } = new();

    public int Retries => _retries;

    private int _retries;

    public int MaxSameIdInFlight => _maxSameIdInFlight;

    public static async Task<WebhookReceiver> StartAsync(string secret, TimeProvider time)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app) { Secret = secret };
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            var id = request.Headers[StandardWebhook.IdHeader].ToString();
            var inFlight = receiver._inFlight.AddOrUpdate(id, 1, (_, n) => n + 1);
            InterlockedMax(ref receiver._maxSameIdInFlight, inFlight);
            try
            {
                if (receiver.Delay > TimeSpan.Zero)
                {
                    await Task.Delay(receiver.Delay);
                }

                if (receiver.Down)
                {
                    return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
                }

                var check = await StandardWebhook.VerifyAsync(secret, id, request.Headers[StandardWebhook.TimestampHeader], request.Headers[StandardWebhook.SignatureHeader],
                    body, time.GetUtcNow(), (key, _) => Task.FromResult(receiver._seenMessages.TryAdd(key, 0)));
                if (check != WebhookCheck.Valid)
                {
                    receiver.Refused.Enqueue((id, check));
                    return check == WebhookCheck.Replayed ? Results.Conflict("replayed message") : Results.BadRequest(check.ToString());
                }

                if (!receiver.Processed.TryAdd(id, body))
                {
                    Interlocked.Increment(ref receiver._retries);
                    return Results.Ok("already processed");
                }

                receiver.ProcessedLog.Enqueue(id);
                return Results.Ok("processed");
            }
            finally
            {
                receiver._inFlight.AddOrUpdate(id, 0, (_, n) => n - 1);
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(new Uri(address), "/hook");
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
