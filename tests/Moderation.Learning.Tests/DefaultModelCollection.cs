namespace Moderation.Learning.Tests;

[CollectionDefinition(Name)]
public sealed class DefaultModelCollection : ICollectionFixture<DefaultModelFixture>
{
    public const string Name = "default model";
}
