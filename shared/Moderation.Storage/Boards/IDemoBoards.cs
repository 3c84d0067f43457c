namespace Moderation.Storage.Boards;

/// <summary>
/// Creates the demo operator and boards of <see cref="DemoData"/> when <c>Moderation:Storage:SeedDemoData</c>
/// is set, after the demo department directory. A host with the Api registers boards through its
/// registration workflow instead of <see cref="DirectDemoBoards"/>.
/// </summary>
public interface IDemoBoards
{
    Task SeedAsync(CancellationToken cancellationToken);
}

/// <summary>For a host without the registration workflow (a scanner or notifier on its own): the rows written directly.</summary>
public sealed class DirectDemoBoards(BoardRepository boards) : IDemoBoards
{
    public Task SeedAsync(CancellationToken cancellationToken) => DemoData.SeedAsync(boards, cancellationToken);
}
