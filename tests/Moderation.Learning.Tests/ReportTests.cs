using System.Text.Json;
using System.Xml.Linq;
using Moderation.Learning.Evaluation;

namespace Moderation.Learning.Tests;

[Collection(DefaultModelCollection.Name)]
public sealed class ReportTests(DefaultModelFixture fixture) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("moderation-report-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_precision_recall_chart_is_well_formed_svg_with_a_curve_per_system()
    {
        ReportWriter.WriteDirectory(_directory, fixture.Report);

        XDocument svg = XDocument.Load(Path.Combine(_directory, ReportWriter.SvgFile));
        XNamespace ns = "http://www.w3.org/2000/svg";
        svg.Root!.Name.Should().Be(ns + "svg");
        svg.Descendants(ns + "polyline").Should().HaveCount(3);
        svg.Descendants(ns + "polyline").Should().OnlyContain(p => p.Attribute("points")!.Value.Split(' ', StringSplitOptions.None).Length > 1);
        svg.Descendants(ns + "text").Select(t => t.Value).Should().Contain(t => t.StartsWith("rules + model", StringComparison.Ordinal));
    }

    [Fact]
    public void The_markdown_and_json_reports_carry_every_system_and_the_threshold_table()
    {
        ReportWriter.WriteDirectory(_directory, fixture.Report, ["Trained in 1.0 s."]);

        string markdown = File.ReadAllText(Path.Combine(_directory, ReportWriter.MarkdownFile));
        markdown.Should().Contain("Trained in 1.0 s.").And.Contain("## rules").And.Contain("## model").And.Contain("## rules + model (noisy-OR)")
            .And.Contain("| 0.50 |").And.Contain("near-miss-trade-secret");

        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_directory, ReportWriter.JsonFile)));
        json.RootElement.GetProperty("fused").GetProperty("atHold").GetProperty("recall").GetDouble().Should().Be(fixture.Report.Fused.AtHold.Recall);
        json.RootElement.GetProperty("fusion").GetString().Should().Be("noisy-or");
    }
}
