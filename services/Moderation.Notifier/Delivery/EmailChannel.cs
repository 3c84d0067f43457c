using System.Globalization;
using System.Text;
using System.Text.Json;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Moderation.Contracts;
using Moderation.Storage.Departments;
using Moderation.Storage.Notifications;

namespace Moderation.Notifier.Delivery;

/// <summary>
/// Mails the report through the configured relay: a readable summary with the report's JSON
/// attached. The Message-Id is derived from the delivery id, so a retry that the relay had in fact
/// accepted is recognisable as the same message.
/// </summary>
public sealed class EmailChannel(IOptions<NotifierOptions> options) : IDeliveryChannel
{
    public EndpointKind Kind => EndpointKind.Email;

    public async Task<string> DeliverAsync(PendingNotification notification, DepartmentEndpoint endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(endpoint);
        using var message = Compose(notification, endpoint.Address, options.Value.Smtp.From);
        await SendAsync(message, endpoint.Address, cancellationToken);
        return $"E-mail to {endpoint.Address} (Message-Id {message.MessageId})";
    }

    /// <summary>Hands a message to the configured relay; throws <see cref="DeliveryFailedException"/> when it did not take it.</summary>
    public async Task SendAsync(MimeMessage message, string to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var smtp = options.Value.Smtp;
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            throw new DeliveryFailedException("No mail relay configured: set Moderation:Notifier:Smtp:Host (and Port, Security, UserName, Password, From).");
        }

        if (!Enum.TryParse<SecureSocketOptions>(smtp.Security, ignoreCase: true, out var security))
        {
            throw new DeliveryFailedException($"Moderation:Notifier:Smtp:Security '{smtp.Security}' is not one of None, Auto, SslOnConnect, StartTls, StartTlsWhenAvailable.");
        }

        using var client = new SmtpClient();
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(smtp.UserName))
            {
                await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
            }

            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception ex) when (ex is SmtpCommandException or SmtpProtocolException or IOException or System.Net.Sockets.SocketException or AuthenticationException or ServiceNotConnectedException)
        {
            throw new DeliveryFailedException($"SMTP {smtp.Host}:{smtp.Port} to {to} failed: {ex.Message}", ex);
        }
    }

    internal static MimeMessage Compose(PendingNotification notification, string to, string from)
    {
        var report = JsonSerializer.Deserialize<IncidentReported>(notification.PayloadJson, WireFormat.Options);
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.MessageId = $"{notification.DeliveryId}@moderation";
        message.Subject = report is null
            ? $"[Moderation] Incident {notification.IncidentId}"
            : $"[Moderation] Incident {report.IncidentId}: secret material on board {report.BoardId} ({report.DivisionCode})";
        var text = new StringBuilder();
        if (report is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Incident {report.IncidentId} ({report.Source}), detected {report.DetectedAt:u}");
            text.AppendLine(CultureInfo.InvariantCulture, $"Board: {report.BoardName} ({report.BoardId}), division {report.DivisionCode}");
            text.AppendLine(CultureInfo.InvariantCulture, $"Organiser (operator): {report.OperatorName} ({report.OperatorId})");
            text.AppendLine(CultureInfo.InvariantCulture, $"Post: {report.PostId} revision {report.Revision}, score {report.Score:0.###}");
            text.AppendLine(CultureInfo.InvariantCulture, $"Rules: {string.Join(", ", report.Rules.Select(r => r.Rule))}");
            text.AppendLine(CultureInfo.InvariantCulture, $"Masked excerpt: {report.MaskedExcerpt}");
            foreach (var measure in report.MeasuresTaken)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"Measure: {measure.Kind} at {measure.TakenAt:u} by {measure.TakenBy}: {measure.Detail}");
            }
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Delivery id: {notification.DeliveryId}. Acknowledge in the officers' portal or with a signed receipt (POST /api/v1/receipts).");
        var body = new BodyBuilder { TextBody = text.ToString() };
        body.Attachments.Add($"incident-{notification.IncidentId}.json", Encoding.UTF8.GetBytes(notification.PayloadJson), new ContentType("application", "json"));
        message.Body = body.ToMessageBody();
        return message;
    }
}
