namespace Moderation.Api.Security;

/// <summary>An API key that is valid after start under <see cref="Name"/>.</summary>
public sealed class BootstrapApiKey
{
    public string Name { get; set; } = "";

    public string Key { get; set; } = "";

    public string Role { get; set; } = "";

    public string? OperatorId { get; set; }

    public string? DivisionCode { get; set; }
}
