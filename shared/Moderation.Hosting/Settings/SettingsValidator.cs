using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace Moderation.Hosting.Settings;

/// <summary>
/// Validates every options class that names its configuration section (a <c>public const string
/// Section</c>), with one message per bad setting that names the setting as it is configured
/// (<c>Moderation:Messaging:DeliveryLimit</c>), the value found and the values allowed, from the
/// properties' validation attributes (<see cref="RangeAttribute"/>, <see cref="AllowedValuesAttribute"/>,
/// <see cref="RequiredAttribute"/>), nested settings objects included; then the class's own
/// cross-setting rules (<see cref="IValidatableObject"/>). Registered once for every options type by
/// <c>AddServiceDefaults</c>; each module calls <c>ValidateOnStart</c> so a bad value stops the service
/// at start, not at first use.
/// </summary>
public sealed class SettingsValidator<TOptions> : IValidateOptions<TOptions>
    where TOptions : class
{
    private static readonly string? Section = SectionOf(typeof(TOptions));

    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        if (Section is null || options is null)
        {
            return ValidateOptionsResult.Skip;
        }

        var problems = Problems(Section, options).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>The section an options class is bound from, or null for a class that declares none (the framework's own).</summary>
    public static string? SectionOf(Type type) =>
        type.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field && field.FieldType == typeof(string)
            ? (string?)field.GetRawConstantValue()
            : null;

    private static IEnumerable<string> Problems(string path, object options)
    {
        foreach (var property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0))
        {
            var setting = $"{path}:{property.Name}";
            var value = property.GetValue(options);
            foreach (var rule in property.GetCustomAttributes<ValidationAttribute>())
            {
                if (!rule.IsValid(value))
                {
                    yield return Describe(setting, value, rule);
                }
            }

            if (IsNestedSettings(property.PropertyType) && value is not null)
            {
                foreach (var problem in Problems(setting, value))
                {
                    yield return problem;
                }
            }
        }

        if (options is IValidatableObject self)
        {
            foreach (var result in self.Validate(new ValidationContext(options)))
            {
                yield return result.ErrorMessage ?? $"{path} is not valid.";
            }
        }
    }

    /// <summary>A settings object inside another (<c>Moderation:Notifier:Smtp</c>), not a value or a list.</summary>
    public static bool IsNestedSettings(Type type) =>
        type.IsClass && type != typeof(string) && !typeof(IEnumerable).IsAssignableFrom(type);

    private static string Describe(string setting, object? value, ValidationAttribute rule) => rule switch
    {
        RequiredAttribute => $"{setting} is not set: give it a value.",
        RangeAttribute range => $"{setting} is {Show(value)}: allowed values are {Bound(range.Minimum)} to {Bound(range.Maximum)}.",
        AllowedValuesAttribute allowed => $"{setting} is {Show(value)}: allowed values are {string.Join(", ", allowed.Values.Select(Show))}.",
        _ => $"{setting} is {Show(value)}: {rule.FormatErrorMessage(setting)}",
    };

    /// <summary>A range's bound as written in configuration (a time span's bounds are given as text).</summary>
    private static string Bound(object bound) => bound is IFormattable formattable ? formattable.ToString(null, CultureInfo.InvariantCulture) : bound.ToString() ?? "";

    private static string Show(object? value) => value switch
    {
        null => "unset",
        string text => $"'{text}'",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
