namespace Moderation.Standalone.Tests.Hostile;

/// <summary>The hostile-input specifications share <see cref="HostileHost"/> and so run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class HostileCollection : ICollectionFixture<HostileHost>
{
    public const string Name = "Hostile input, one host";
}
