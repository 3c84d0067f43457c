namespace Moderation.Api.Security;

/// <summary>An account that exists after start with this password (re-hashed only when it changed).</summary>
public sealed class BootstrapAccount
{
    public string UserName { get; set; } = "";

    public string? DisplayName { get; set; }

    public string Password { get; set; } = "";

    public string Role { get; set; } = "";

    public string? DivisionCode { get; set; }

    /// <summary>For moderators: the boards they work on.</summary>
    public List<string> Boards { get; set; } = [];
}
