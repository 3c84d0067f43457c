using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Moderation.Hosting.Settings;
using Moderation.Testing;

namespace Moderation.Standalone.Tests.Architecture;

/// <summary>
/// The README's configuration table and the options classes agree: every setting of every options
/// class that names its section (found by reflection over the services' assemblies, so a new one is
/// caught) has one row, and every row of the <c>Moderation:</c> kind is such a setting; each row's
/// environment variable is the setting's name with <c>__</c> for <c>:</c>; a default written as a
/// value is the class's default.
/// </summary>
public sealed partial class ConfigurationTableSpecs
{
    private static readonly IReadOnlyList<Row> Table = ReadTable();

    [Fact]
    public void Every_setting_of_the_options_classes_has_a_row_and_every_row_a_setting()
    {
        var documented = Table.Select(r => r.Setting).Where(s => s.StartsWith("Moderation:", StringComparison.Ordinal)).ToList();
        var settings = Settings().Select(s => s.Name).ToList();

        documented.Should().OnlyHaveUniqueItems();
        documented.Should().BeEquivalentTo(settings, "README.md's configuration table lists every setting the options classes bind");
    }

    [Fact]
    public void Every_row_names_its_environment_variable()
    {
        foreach (var row in Table)
        {
            var expected = row.Setting.Replace(":", "__", StringComparison.Ordinal);
            row.EnvironmentVariable.Should().StartWith(expected, "the variable of {0} replaces ':' with '__' (a list adds its index)", row.Setting);
        }
    }

    [Fact]
    public void A_default_written_as_a_value_is_the_options_class_default()
    {
        var defaults = Settings().ToDictionary(s => s.Name, s => s.Default);
        foreach (var row in Table.Where(r => defaults.ContainsKey(r.Setting)))
        {
            var written = DefaultValue().Match(row.Default);
            if (written.Success)
            {
                written.Groups[1].Value.Should().Be(defaults[row.Setting], "the README's default of {0}", row.Setting);
            }
            else
            {
                row.Default.Should().MatchRegex("^(unset|empty|the )", "{0}'s default is a value in backticks or says why there is none", row.Setting);
            }
        }
    }

    private sealed record Row(string Setting, string Default, string EnvironmentVariable);

    private sealed record Setting(string Name, string? Default);

    private static IReadOnlyList<Row> ReadTable()
    {
        var readme = File.ReadAllText(Path.Combine(ServiceProcess.FindRepositoryRoot(AppContext.BaseDirectory), "README.md"));
        var section = readme[readme.IndexOf("\n## Configuration", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 5, StringComparison.Ordinal)];
        return [.. TableRow().Matches(section).Select(m => new Row(m.Groups["setting"].Value, m.Groups["default"].Value.Trim(), m.Groups["variable"].Value))];
    }

    /// <summary>Every setting the options classes bind: each property of a class with a Section, nested settings objects flattened.</summary>
    private static IEnumerable<Setting> Settings()
    {
        var assemblies = Directory.GetFiles(AppContext.BaseDirectory, "Moderation.*.dll")
            .Where(f => !Path.GetFileName(f).Contains(".Tests", StringComparison.Ordinal) && !Path.GetFileName(f).Contains("Testing", StringComparison.Ordinal))
            .Select(f => Assembly.LoadFrom(f));
        foreach (var type in assemblies.SelectMany(TypesOf).Where(t => t.IsClass && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null))
        {
            if (SettingsValidator<object>.SectionOf(type) is { } section && section.StartsWith("Moderation:", StringComparison.Ordinal))
            {
                foreach (var setting in Flatten(section, Activator.CreateInstance(type)!))
                {
                    yield return setting;
                }
            }
        }
    }

    /// <summary>The types an assembly defines; those whose dependencies are not beside the tests are passed over.</summary>
    private static IEnumerable<Type> TypesOf(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException partial)
        {
            return partial.Types.OfType<Type>();
        }
    }

    private static IEnumerable<Setting> Flatten(string path, object instance)
    {
        foreach (var property in instance.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var name = $"{path}:{property.Name}";
            var value = property.GetValue(instance);
            if (SettingsValidator<object>.IsNestedSettings(property.PropertyType))
            {
                foreach (var nested in Flatten(name, value ?? Activator.CreateInstance(property.PropertyType)!))
                {
                    yield return nested;
                }
            }
            else
            {
                yield return new Setting(name, Format(value));
            }
        }
    }

    private static string? Format(object? value) => value switch
    {
        null => null,
        bool flag => flag ? "true" : "false",
        string text => text.Length == 0 ? null : text,
        IEnumerable list when !list.Cast<object>().Any() => null,
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    [GeneratedRegex(@"(?m)^\| `(?<setting>[A-Za-z_][A-Za-z0-9_:]*)` \| (?<default>[^|]*)\| `(?<variable>[A-Za-z0-9_]+)` \|")]
    private static partial Regex TableRow();

    [GeneratedRegex(@"^`([^`]*)`")]
    private static partial Regex DefaultValue();
}
