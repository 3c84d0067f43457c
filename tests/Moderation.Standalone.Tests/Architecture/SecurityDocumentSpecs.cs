using System.Text.RegularExpressions;
using Moderation.Testing;

namespace Moderation.Standalone.Tests.Architecture;

/// <summary>
/// SECURITY.md's table cites tests as evidence; a cited test that was renamed or removed would leave a
/// requirement claimed on nothing. Every <c>Class.Method</c> it names must be a test method of that class.
/// </summary>
public sealed partial class SecurityDocumentSpecs
{
    [Fact]
    public void Every_test_security_md_cites_exists_in_the_class_it_names()
    {
        var root = ServiceProcess.FindRepositoryRoot(AppContext.BaseDirectory);
        var document = File.ReadAllText(Path.Combine(root, "SECURITY.md"));
        var sources = Directory.GetFiles(Path.Combine(root, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .ToList();

        var cited = Citation().Matches(document).Select(m => (Class: m.Groups[1].Value, Method: m.Groups[2].Value)).Distinct().ToList();
        var missing = cited.Where(c => !sources.Any(s => Regex.IsMatch(s, $@"\b(class|record) {c.Class}\b") && s.Contains($" {c.Method}(", StringComparison.Ordinal)))
            .Select(c => $"{c.Class}.{c.Method}");

        cited.Should().HaveCountGreaterThan(30, "the table cites a test for most requirements");
        missing.Should().BeEmpty("every test SECURITY.md cites must exist under that name");
    }

    [GeneratedRegex(@"`([A-Z][A-Za-z]+)\.([A-Z][A-Za-z0-9_]+)`")]
    private static partial Regex Citation();
}
