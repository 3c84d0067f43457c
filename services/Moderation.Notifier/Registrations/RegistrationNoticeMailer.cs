using System.Globalization;
using Microsoft.Extensions.Options;
using MimeKit;
using Moderation.Notifier.Delivery;
using Moderation.Storage.Notifications;

namespace Moderation.Notifier.Registrations;

/// <summary>
/// One pass over the organizers' notices: claim what is due, mail each to the application's contact
/// address through the e-mail channel's relay, then record it, or retry it with backoff, or give up
/// after the last attempt with an alert (the notice stays on the organizer's page). The claim keeps
/// two Notifiers off each other's notices; the Message-Id is the notice's, so a retry of a mail the
/// relay had in fact accepted is recognisable as the same message.
/// </summary>
public sealed class RegistrationNoticeMailer(
    RegistrationNoticeOutbox notices,
    EmailChannel email,
    TimeProvider time,
    IOptions<NotifierOptions> options,
    ILogger<RegistrationNoticeMailer> logger)
{
    /// <summary>Returns how many notices were claimed; none without a configured mail relay.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.Smtp.Host))
        {
            // No relay (the standalone host, a deployment without mail): the notices stay on the
            // organizers' pages and are mailed once a relay is configured.
            return 0;
        }

        var claimed = await notices.ClaimDueAsync(settings.BatchSize, settings.ClaimDuration, cancellationToken);
        foreach (var notice in claimed)
        {
            await MailAsync(notice, cancellationToken);
        }

        return claimed.Count;
    }

    private async Task MailAsync(PendingRegistrationNotice notice, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(settings.DeliveryTimeout);
            using var message = Compose(notice, settings.Smtp.From);
            await email.SendAsync(message, notice.Email, timeout.Token);
            if (await notices.MarkMailedAsync(notice, cancellationToken))
            {
                logger.LogInformation("Registration notice {NoticeId} of application {ApplicationId} mailed to {Email} (attempt {Attempt})",
                    notice.NoticeId, notice.ApplicationId, notice.Email, notice.Attempts);
            }
            else
            {
                logger.LogWarning("Registration notice {NoticeId} was mailed after its claim ran out; another Notifier owns it now", notice.NoticeId);
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var error = ex switch
            {
                DeliveryFailedException => ex.Message,
                OperationCanceledException => $"no answer within {settings.DeliveryTimeout.TotalSeconds:0.#} s",
                _ => $"{ex.GetType().Name}: {ex.Message}",
            };
            if (notice.Attempts >= settings.MaxAttempts)
            {
                if (await notices.GiveUpAsync(notice, $"Gave up after {notice.Attempts} attempts; last error: {error}", cancellationToken))
                {
                    logger.LogError("ALERT: registration notice {NoticeId} to {Email} was not mailed after {Attempts} attempts: {Error}",
                        notice.NoticeId, notice.Email, notice.Attempts, error);
                }

                return;
            }

            var delay = RetrySchedule.Delay(notice.Attempts, settings.InitialBackoff, settings.MaxBackoff, Random.Shared);
            await notices.ScheduleRetryAsync(notice, time.GetUtcNow() + delay, error, cancellationToken);
            logger.LogWarning("Registration notice {NoticeId} attempt {Attempt} failed ({Error}); next try in {Delay}", notice.NoticeId, notice.Attempts, error, delay);
        }
    }

    internal static MimeMessage Compose(PendingRegistrationNotice notice, string from)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(notice.Email));
        message.MessageId = string.Create(CultureInfo.InvariantCulture, $"registration-notice-{notice.NoticeId}@moderation");
        message.Subject = $"[Moderation] {notice.Subject}";
        message.Body = new TextPart("plain")
        {
            Text = $"{notice.Body}\n\nThe application's page (My boards) shows this notice and the application's history.\n",
        };
        return message;
    }
}
