using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Moderation.Integration.Tests.Support;

/// <summary>
/// A collector as small as a test needs: OTLP over HTTP with protobuf bodies (<c>/v1/traces</c>,
/// <c>/v1/metrics</c>; logs are accepted and dropped), keeping each span's ids, name, kind and
/// source with the service that sent it, and the names of the meters and instruments seen. Services
/// export to it with <see cref="ExporterSettings"/>.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OtlpReceiver(WebApplication app) => _app = app;

    public Uri Endpoint { get; private set; } = null!;

    public ConcurrentQueue<OtlpSpan> Spans { get; } = new();

    /// <summary>(service, meter, instrument) of every metric exported.</summary>
    public ConcurrentDictionary<(string Service, string Meter, string Instrument), byte> Instruments { get; } = new();

    /// <summary>The SDK's own variables: OTLP over HTTP/protobuf to this receiver, spans and metrics exported within a second.</summary>
    public IReadOnlyDictionary<string, string> ExporterSettings => new Dictionary<string, string>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Endpoint.ToString().TrimEnd('/'),
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
    };

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/traces", async (HttpRequest request) =>
        {
            foreach (var (service, scope, span) in await ScopedItemsAsync(request))
            {
                receiver.Spans.Enqueue(OtlpSpan.Read(service, scope, span));
            }

            return Results.Ok();
        });
        app.MapPost("/v1/metrics", async (HttpRequest request) =>
        {
            foreach (var (service, scope, metric) in await ScopedItemsAsync(request))
            {
                receiver.Instruments.TryAdd((service, scope, Protobuf.Fields(metric).Where(f => f.Number == 1).Select(f => f.Text).FirstOrDefault() ?? ""), 0);
            }

            return Results.Ok();
        });
        app.MapPost("/v1/logs", () => Results.Ok());
        await app.StartAsync();
        receiver.Endpoint = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>
    /// Traces and metrics share their outer shape: a request of resource entries (field 1), each a
    /// resource (1) and scope entries (2), each a scope (1) and its spans or metrics (2).
    /// </summary>
    private static async Task<List<(string Service, string Scope, ReadOnlyMemory<byte> Item)>> ScopedItemsAsync(HttpRequest request)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        var items = new List<(string, string, ReadOnlyMemory<byte>)>();
        foreach (var resourceEntry in Protobuf.Fields(body.ToArray()).Where(f => f.Number == 1))
        {
            var fields = Protobuf.Fields(resourceEntry.Bytes);
            var service = fields.Where(f => f.Number == 1).SelectMany(r => Protobuf.Attributes(r.Bytes)).FirstOrDefault(a => a.Key == "service.name").Value ?? "";
            foreach (var scopeEntry in fields.Where(f => f.Number == 2))
            {
                var scopeFields = Protobuf.Fields(scopeEntry.Bytes);
                var scope = scopeFields.Where(f => f.Number == 1).SelectMany(s => Protobuf.Fields(s.Bytes)).FirstOrDefault(f => f.Number == 1)?.Text ?? "";
                items.AddRange(scopeFields.Where(f => f.Number == 2).Select(item => (service, scope, item.Bytes)));
            }
        }

        return items;
    }
}
