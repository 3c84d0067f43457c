using System.Net;
using System.Text;
using System.Text.Json;
using Moderation.Webhooks;
using Moderation.Notifier.Delivery;
using Moderation.Notifier.Tests.Support;
using Moderation.Storage.Incidents;
using Moderation.Testing;

namespace Moderation.Notifier.Tests.Delivery;

public sealed class DeliverySpecs : IAsyncLifetime
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private NotifierHarness _harness = null!;
    private WebhookReceiver _receiver = null!;
    private SmtpSink _smtp = null!;

    public async Task InitializeAsync()
    {
        _harness = await NotifierHarness.CreateAsync();
        _receiver = await WebhookReceiver.StartAsync(Secret, _harness.Time);
        _smtp = new SmtpSink();
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _smtp.DisposeAsync();
        await _harness.DisposeAsync();
    }

    private string Webhook => $$"""{"kind":"webhook","url":"{{_receiver.Url}}","secret":"{{Secret}}"}""";

    [Fact]
    public void Signatures_follow_the_standard_webhooks_reference_vector() =>
        StandardWebhook.Sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, """{"test": 2432232314}""")
            .Should().Be("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");

    [Fact]
    public async Task A_report_reaches_the_departments_webhook_signed_and_by_mail_and_the_incident_records_both_measures()
    {
        await _harness.UseEndpointsAsync(Webhook, """{"kind":"email","address":"duty@psb.example.cn"}""");
        var metrics = new MeterListenerSink();
        var dispatcher = _harness.Dispatcher(o => { o.Smtp.Host = "127.0.0.1"; o.Smtp.Port = _smtp.Port; o.Smtp.From = "moderation@example.cn"; }, metrics);
        var incidentId = await _harness.RemoveAsync("p-1");

        await dispatcher.RunOnceAsync(CancellationToken.None);

        var body = _receiver.Processed.Values.Should().ContainSingle().Subject;
        using var report = JsonDocument.Parse(body);
        report.RootElement.GetProperty("incidentId").GetInt64().Should().Be(incidentId);
        report.RootElement.GetProperty("divisionCode").GetString().Should().Be("110105");
        report.RootElement.GetProperty("operatorId").GetString().Should().Be("forum-demo");
        report.RootElement.GetProperty("measuresTaken")[0].GetProperty("kind").GetString().Should().Be("Removed");
        body.Should().NotContain(NotifierHarness.SecretSentence);
        var mail = _smtp.Messages.Should().ContainSingle().Subject;
        mail.To.Should().Equal("duty@psb.example.cn");
        mail.Data.Should().Contain($"Subject: [Moderation] Incident {incidentId}").And.NotContain(NotifierHarness.SecretSentence);
        (await _harness.Incidents.MeasuresAsync(incidentId, CancellationToken.None)).Where(m => m.Kind == IncidentMeasures.Reported).Should().HaveCount(2);
        (await _harness.Outbox.ListForIncidentAsync(incidentId, CancellationToken.None)).Should().OnlyContain(n => n.State == "Delivered");
        metrics.Sum("moderation.notifier.delivered").Should().Be(2);
        metrics.Measurements.Count(m => m.Instrument == "moderation.notifier.delivery_latency").Should().Be(2);
    }

    [Fact]
    public async Task The_receiver_refuses_a_captured_delivery_sent_again_and_an_old_timestamp_but_takes_a_retry_once()
    {
        using var http = new HttpClient();
        const string body = """{"incidentId":1}""";
        var now = _harness.Time.GetUtcNow().ToUnixTimeSeconds();
        HttpRequestMessage Request(string id, long timestamp) => new(HttpMethod.Post, _receiver.Url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
            Headers =
            {
                { StandardWebhook.IdHeader, id },
                { StandardWebhook.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                { StandardWebhook.SignatureHeader, StandardWebhook.Sign(Secret, id, timestamp, body) },
            },
        };

        var first = await http.SendAsync(Request("d-1", now));
        var replayed = await http.SendAsync(Request("d-1", now));
        var retried = await http.SendAsync(Request("d-1", now + 30));
        var stale = await http.SendAsync(Request("d-2", now - 600));
        var forged = Request("d-3", now);
        forged.Headers.Remove(StandardWebhook.SignatureHeader);
        forged.Headers.Add(StandardWebhook.SignatureHeader, StandardWebhook.Sign("whsec_" + Convert.ToBase64String(new byte[32]), "d-3", now, body));
        var wrongKey = await http.SendAsync(forged);

        (first.StatusCode, replayed.StatusCode, retried.StatusCode, stale.StatusCode, wrongKey.StatusCode).Should().Be(
            (HttpStatusCode.OK, HttpStatusCode.Conflict, HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest));
        _receiver.ProcessedLog.Should().Equal("d-1");
        _receiver.Refused.Select(r => r.Check).Should().Equal(WebhookCheck.Replayed, WebhookCheck.StaleTimestamp, WebhookCheck.BadSignature);
    }

    [Fact]
    public async Task A_department_endpoint_down_for_an_hour_gets_every_notification_once_after_it_recovers()
    {
        await _harness.UseEndpointsAsync(Webhook);
        var dispatcher = _harness.Dispatcher();
        _receiver.Down = true;
        var incidents = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            incidents.Add(await _harness.RemoveAsync($"down-{i}"));
            _harness.Time.Advance(TimeSpan.FromMinutes(7));
        }

        await _harness.RunAsync(dispatcher, TimeSpan.FromHours(1), TimeSpan.FromSeconds(30));
        _receiver.ProcessedLog.Should().BeEmpty();
        var waiting = await Task.WhenAll(incidents.Select(i => _harness.Outbox.ListForIncidentAsync(i, CancellationToken.None)));
        waiting.SelectMany(n => n).Should().OnlyContain(n => n.State == "Retrying" && n.Attempts >= 5 && n.LastError!.Contains("503"));

        _receiver.Down = false;
        await _harness.RunAsync(dispatcher, TimeSpan.FromMinutes(20), TimeSpan.FromSeconds(30));

        _receiver.ProcessedLog.Should().HaveCount(5).And.OnlyHaveUniqueItems();
        _receiver.Retries.Should().Be(0, "each notification was delivered once");
        var delivered = await Task.WhenAll(incidents.Select(i => _harness.Outbox.ListForIncidentAsync(i, CancellationToken.None)));
        delivered.SelectMany(n => n).Should().OnlyContain(n => n.State == "Delivered");
    }

    [Fact]
    public async Task After_the_last_attempt_a_notification_is_dead_lettered_with_an_alert_and_can_be_retried()
    {
        await _harness.UseEndpointsAsync(Webhook);
        var metrics = new MeterListenerSink();
        var dispatcher = _harness.Dispatcher(o => o.MaxAttempts = 3, metrics);
        _receiver.Down = true;
        var incidentId = await _harness.RemoveAsync("dead-1");

        await _harness.RunAsync(dispatcher, TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(10));

        var notification = (await _harness.Outbox.ListForIncidentAsync(incidentId, CancellationToken.None)).Single();
        notification.State.Should().Be("DeadLettered");
        notification.Attempts.Should().Be(3);
        notification.LastError.Should().StartWith("Gave up after 3 attempts; last error: POST").And.Contain("503");
        metrics.Sum("moderation.notifier.dead_lettered").Should().Be(1);
        metrics.Sum("moderation.notifier.failed_attempts").Should().Be(3);
        (await _harness.Outbox.ListDeadLetteredAsync(["110000"], 10, CancellationToken.None)).Should().ContainSingle();

        _receiver.Down = false;
        await _harness.Outbox.RetryDeadLetteredAsync(notification.NotificationId, CancellationToken.None);
        await dispatcher.RunOnceAsync(CancellationToken.None);
        (await _harness.Outbox.ListForIncidentAsync(incidentId, CancellationToken.None)).Single().State.Should().Be("Delivered");
    }

    [Fact]
    public async Task A_board_whose_department_has_no_endpoint_raises_a_dead_letter_alert_at_once()
    {
        await _harness.UseEndpointsAsync();
        var metrics = new MeterListenerSink();
        var dispatcher = _harness.Dispatcher(configure: null, metrics);
        var incidentId = await _harness.RemoveAsync("nowhere-1");

        await dispatcher.RunOnceAsync(CancellationToken.None);

        (await _harness.Outbox.ListForIncidentAsync(incidentId, CancellationToken.None)).Single().LastError
            .Should().StartWith("No department endpoint for division 110105");
        metrics.Sum("moderation.notifier.dead_lettered").Should().Be(1);
    }

    [Fact]
    public async Task Two_notifiers_never_deliver_one_notification_at_the_same_time()
    {
        await _harness.UseEndpointsAsync(Webhook);
        _receiver.Delay = TimeSpan.FromMilliseconds(20);
        for (var i = 0; i < 24; i++)
        {
            await _harness.RemoveAsync($"pair-{i}");
        }

        var first = _harness.Dispatcher(o => { o.BatchSize = 4; o.MaxParallelDeliveries = 4; });
        var second = _harness.Dispatcher(o => { o.BatchSize = 4; o.MaxParallelDeliveries = 4; });
        async Task Drain(NotificationDispatcher d)
        {
            while (await d.RunOnceAsync(CancellationToken.None) > 0)
            {
            }
        }

        await Task.WhenAll(Task.Run(() => Drain(first)), Task.Run(() => Drain(second)));

        _receiver.ProcessedLog.Should().HaveCount(24).And.OnlyHaveUniqueItems();
        _receiver.MaxSameIdInFlight.Should().Be(1);
        _receiver.Retries.Should().Be(0);
    }

    [Fact]
    public async Task A_webhook_to_an_internal_address_is_refused_unless_private_targets_are_allowed()
    {
        await _harness.UseEndpointsAsync(Webhook);
        var dispatcher = _harness.Dispatcher(o => o.AllowPrivateWebhookTargets = false);
        var incidentId = await _harness.RemoveAsync("ssrf-1");

        await dispatcher.RunOnceAsync(CancellationToken.None);

        _receiver.ProcessedLog.Should().BeEmpty();
        (await _harness.Outbox.ListForIncidentAsync(incidentId, CancellationToken.None)).Single().LastError
            .Should().Contain("resolves only to internal addresses").And.Contain("AllowPrivateWebhookTargets");
    }

    [Fact]
    public async Task Once_delivered_the_posts_text_is_purged_and_the_incident_keeps_its_excerpt()
    {
        await _harness.UseEndpointsAsync(Webhook);
        var dispatcher = _harness.Dispatcher();
        var incidentId = await _harness.RemoveAsync("purge-1");

        await dispatcher.RunOnceAsync(CancellationToken.None);
        var purged = await _harness.Purger().RunOnceAsync(CancellationToken.None);

        purged.Should().Be(1);
        var incident = (await _harness.Incidents.FindAsync(incidentId, CancellationToken.None))!;
        incident.PurgedAt.Should().NotBeNull();
        incident.MaskedExcerpt.Should().Contain("绝密★长期");
        (await _harness.Incidents.MeasuresAsync(incidentId, CancellationToken.None)).Select(m => m.Kind)
            .Should().Equal(IncidentMeasures.Removed, IncidentMeasures.Reported, IncidentMeasures.Purged);
    }

    [Fact]
    public void Backoff_doubles_up_to_its_ceiling_with_jitter_in_the_upper_half()
    {
        var random = new Random(7);
        var delays = Enumerable.Range(1, 12).Select(n => RetrySchedule.Delay(n, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(15), random)).ToList();

        delays[0].Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(2.5)).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(5));
        delays[3].Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(20)).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(40));
        delays.Skip(9).Should().OnlyContain(d => d >= TimeSpan.FromMinutes(7.5) && d <= TimeSpan.FromMinutes(15));
        delays.Distinct().Should().HaveCount(12, "jitter spreads retries");
    }
}
