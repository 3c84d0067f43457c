namespace Moderation.Contracts;

/// <summary>The kind of forum a post was written on (Art. 10 names all three).</summary>
public enum Channel
{
    Bbs = 0,
    ChatRoom = 1,
    Newsgroup = 2,
}
