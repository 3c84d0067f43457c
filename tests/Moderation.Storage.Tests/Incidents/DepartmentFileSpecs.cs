using Moderation.Storage.Departments;
using Moderation.Verdicts.Divisions;

namespace Moderation.Storage.Tests.Incidents;

public sealed class DepartmentFileSpecs
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    [Fact]
    public void The_demo_directory_parses_without_problems_and_covers_beijing_and_zhejiang()
    {
        var (departments, problems) = DepartmentFile.Parse(DemoDepartments.Text());

        problems.Should().BeEmpty();
        departments.Should().Contain(d => d.DivisionCode == "110105" && d.ParentId == "bj");
        departments.Should().Contain(d => d.DivisionCode == "330100" && d.Level == DivisionLevel.Prefecture);
        departments.Should().ContainSingle(d => d.Level == DivisionLevel.Central);
        departments.Where(d => d.DivisionCode.StartsWith("11", StringComparison.Ordinal) && d.Level == DivisionLevel.County).Should().HaveCount(16);
    }

    [Fact]
    public void Every_problem_names_its_line_and_field()
    {
        const string file = """
            {"id":"bj","name":"北京","divisionCode":"110000"}
            # a comment, then a blank line

            {"id":"bad-code","name":"x","divisionCode":"11010"}
            {"id":"Upper Case","name":"x","divisionCode":"990101"}
            {"id":"hook","name":"x","divisionCode":"110105","parent":"bj","endpoints":[{"kind":"webhook","url":"ftp://x","secret":"nope"}]}
            {"id":"mail","name":"x","divisionCode":"110106","parent":"bj","endpoints":[{"kind":"email","address":"not-an-address"},{"kind":"pigeon"}]}
            not json
            {"id":"bj","name":"again","divisionCode":"110108"}
            {"id":"zj-x","name":"x","divisionCode":"330106","parent":"bj"}
            """;

        var (_, problems) = DepartmentFile.Parse(file);

        problems.Select(p => p.ToString()).Should().BeEquivalentTo(
        [
            "line 4, divisionCode: '11010' is not six digits (GB/T 2260 codes look like 110105)",
            "line 5, id: 'Upper Case' may only hold lower-case letters, digits, '.', '_' and '-' (at most 64)",
            "line 5, divisionCode: '990101' starts with 99, which is no province-level code of GB/T 2260 (11 Beijing … 65 Xinjiang, 71, 81, 82)",
            "line 6, endpoints[0].url: 'ftp://x' is not an absolute http(s) URL",
            "line 6, endpoints[0].secret: required for a webhook: \"whsec_\" followed by the base64 of 24-64 random bytes (e.g. whsec_$(head -c 32 /dev/urandom | base64))",
            "line 7, endpoints[0].address: 'not-an-address' is not an e-mail address",
            "line 7, endpoints[1].kind: 'pigeon' is not one of webhook, email, amqp",
            "line 8, (line): not valid JSON ('not json' is an invalid JSON literal. Expected the literal 'null'.); each line holds one department object",
            "line 9, id: 'bj' is already defined on line 1",
            "line 10, parent: 'bj' (110000) does not cover 330106",
        ]);
    }

    [Fact]
    public void A_valid_line_yields_the_department_with_its_three_kinds_of_endpoint()
    {
        var line = $$"""{"id":"bj-chaoyang","name":" 朝阳分局 ","divisionCode":"110105","parent":"bj","endpoints":[{"kind":"webhook","url":"https://psb.example.cn/hook","secret":"{{Secret}}"},{"kind":"email","address":"duty@psb.example.cn"},{"kind":"amqp","queue":"dept.110105","enabled":false}]}""";

        var (departments, problems) = DepartmentFile.Parse(line);

        problems.Should().BeEmpty();
        var department = departments.Should().ContainSingle().Subject;
        department.Name.Should().Be("朝阳分局");
        department.Level.Should().Be(DivisionLevel.County);
        department.Endpoints.Select(e => (e.Kind, e.Address, e.Enabled)).Should().Equal(
            (EndpointKind.Webhook, "https://psb.example.cn/hook", true),
            (EndpointKind.Email, "duty@psb.example.cn", true),
            (EndpointKind.Amqp, "dept.110105", false));
        department.Endpoints[0].Secret.Should().Be(Secret);
    }
}
