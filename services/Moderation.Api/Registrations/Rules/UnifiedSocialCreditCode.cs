namespace Moderation.Api.Registrations.Rules;

/// <summary>
/// The unified social credit code of an organisation (GB 32100-2015): 18 characters from a
/// 31-character alphabet (digits and capitals without I, O, S, V, Z); characters 3 to 8 are the
/// registering authority's GB/T 2260 division code; the 18th is a check character over the first 17
/// with weights 3^i mod 31.
/// </summary>
public static class UnifiedSocialCreditCode
{
    public const int Length = 18;

    /// <summary>The code's alphabet; a character's value is its index.</summary>
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>Why <paramref name="code"/> is not a valid code, in words a person can act on; null when it is valid.</summary>
    public static string? Problem(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return "required: the organizing unit's 18-character unified social credit code, as printed on its business licence";
        }

        if (code.Length != Length)
        {
            return $"must be exactly 18 characters; this one has {code.Length}";
        }

        for (var i = 0; i < code.Length; i++)
        {
            if (Alphabet.IndexOf(code[i]) < 0)
            {
                return $"character {i + 1} '{code[i]}' is not allowed: only digits and the capitals A–Y without I, O, S, V, Z";
            }
        }

        for (var i = 2; i < 8; i++)
        {
            if (!char.IsAsciiDigit(code[i]))
            {
                return $"characters 3 to 8 are the registering authority's division code and must be digits; character {i + 1} is '{code[i]}'";
            }
        }

        var expected = CheckCharacter(code.AsSpan(0, Length - 1));
        return code[Length - 1] == expected
            ? null
            : $"check character (the 18th) is '{code[Length - 1]}' but the first 17 characters give '{expected}': a character was probably mistyped";
    }

    public static bool IsValid(string? code) => Problem(code) is null;

    /// <summary>The 18th character for the first 17 (which must come from <see cref="Alphabet"/>).</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != Length - 1)
        {
            throw new ArgumentException("The check character is computed over exactly 17 characters.", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < first17.Length; i++)
        {
            var value = Alphabet.IndexOf(first17[i]);
            if (value < 0)
            {
                throw new ArgumentException($"'{first17[i]}' is not in the code's alphabet.", nameof(first17));
            }

            sum += value * Weights[i];
        }

        return Alphabet[(31 - (sum % 31)) % 31];
    }
}
