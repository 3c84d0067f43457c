using System.ComponentModel.DataAnnotations;

namespace Moderation.Notifier;

/// <summary>The mail relay e-mail endpoints are sent through (<c>Moderation:Notifier:Smtp</c>).</summary>
public sealed class SmtpOptions
{
    /// <summary>Unset: e-mail endpoints fail (and are retried, then dead-lettered) with a message saying so.</summary>
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 25;

    /// <summary>MailKit's <c>SecureSocketOptions</c>: None, Auto, SslOnConnect, StartTls, StartTlsWhenAvailable.</summary>
    [AllowedValues("None", "Auto", "SslOnConnect", "StartTls", "StartTlsWhenAvailable")]
    public string Security { get; set; } = "StartTlsWhenAvailable";

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "moderation@localhost";
}
