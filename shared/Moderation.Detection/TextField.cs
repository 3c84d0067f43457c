namespace Moderation.Detection;

/// <summary>The part of a post a finding was made in. Title and body are scanned separately.</summary>
public enum TextField
{
    Title,
    Body,
}
