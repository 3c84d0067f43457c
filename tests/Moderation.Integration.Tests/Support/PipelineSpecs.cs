namespace Moderation.Integration.Tests.Support;

/// <summary>
/// Base of the pipeline specifications: every test gets a pipeline of its own (virtual host,
/// database, boards), torn down after it, so no test sees another's messages or rows.
/// </summary>
[Collection(PipelineCollection.Name)]
public abstract class PipelineSpecs : IAsyncLifetime
{
    protected Pipeline Pipeline { get; private set; } = null!;

    public async Task InitializeAsync() => Pipeline = await Pipeline.CreateAsync();

    public async Task DisposeAsync() => await Pipeline.DisposeAsync();
}
