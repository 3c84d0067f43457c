using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Moderation.Detection.Fingerprints;

/// <summary>
/// The fingerprint file format (JSON, versioned) that carries a protected document from the officer's
/// machine to the system. It holds the parameters, the hashes (sorted, so not even the order of the
/// passages survives) and the SimHash, plus the officer's id and title: no text.
/// </summary>
/// <example>
/// <code>
/// { "format": "moderation-fingerprint", "version": 1, "documentId": "bm-2026-017", "title": "…", "divisionCode": null,
///   "parameters": { "normalization": "…", "kgram": 10, "window": 12, "shingle": 3, "hash": "…", "keyId": "…" },
///   "simhash": "9f3a…", "hashes": ["00a4…", …] }
/// </code>
/// </example>
public static class FingerprintFile
{
    public const string Format = "moderation-fingerprint";
    public const int Version = 1;
    public const int MaxDocumentIdLength = 64;
    public const int MaxTitleLength = 200;

    private static readonly SearchValues<char> s_idCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-");

    private static readonly HashSet<string> s_properties = ["format", "version", "documentId", "title", "divisionCode", "parameters", "simhash", "hashes"];
    private static readonly HashSet<string> s_parameterProperties = ["normalization", "kgram", "window", "shingle", "hash", "keyId"];

    /// <summary>Why a document id is unacceptable, or null when it is fine.</summary>
    public static string? CheckDocumentId(string? documentId) =>
        string.IsNullOrEmpty(documentId) || documentId.Length > MaxDocumentIdLength
            || documentId.AsSpan().IndexOfAnyExcept(s_idCharacters) >= 0 || !char.IsAsciiLetterOrDigit(documentId[0])
            ? $"Must be 1 to {MaxDocumentIdLength} characters: letters, digits, '.', '_' or '-', starting with a letter or digit (such as bm-2026-017)."
            : null;

    /// <summary>Why a title is unacceptable, or null when it is fine (null means no title).</summary>
    public static string? CheckTitle(string? title) =>
        title is null ? null
        : title.Length > MaxTitleLength || title.Any(char.IsControl) || string.IsNullOrWhiteSpace(title)
            ? $"Must be a single line of 1 to {MaxTitleLength} characters, or left out."
            : null;

    /// <summary>Why a division code is unacceptable, or null when it is fine (null means a central registration).</summary>
    public static string? CheckDivisionCode(string? divisionCode) =>
        divisionCode is null || DivisionCodeForm.IsWellFormed(divisionCode)
            ? null
            : "Must be the registering department's six-digit administrative division code (GB/T 2260, such as 110105), or null for a central registration.";

    /// <param name="indented">One hash per line for a person to read; false for the compact form services exchange.</param>
    public static string Write(FingerprintDocument document, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(document);
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("format", Format);
            json.WriteNumber("version", Version);
            json.WriteString("documentId", document.DocumentId);
            json.WriteString("title", document.Title);
            json.WriteString("divisionCode", document.DivisionCode);
            json.WritePropertyName("parameters");
            WriteParameters(json, document.Parameters);
            json.WriteString("simhash", Hex(document.SimHash));
            json.WriteStartArray("hashes");
            foreach (ulong hash in document.Hashes)
            {
                json.WriteStringValue(Hex(hash));
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan) + (indented ? "\n" : "");
    }

    /// <summary>The <c>parameters</c> object of a file on its own, as stored beside a registered document.</summary>
    public static string WriteParameters(FingerprintParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            WriteParameters(json, parameters);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <exception cref="FingerprintFileException">Not a valid <c>parameters</c> object.</exception>
    public static FingerprintParameters ParseParameters(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using JsonDocument parsed = JsonDocument.Parse(json);
        var found = new List<FingerprintProblem>();
        return ReadParameters(parsed.RootElement, found) ?? throw new FingerprintFileException(found);
    }

    private static void WriteParameters(Utf8JsonWriter json, FingerprintParameters parameters)
    {
        json.WriteStartObject();
        json.WriteString("normalization", parameters.Normalization);
        json.WriteNumber("kgram", parameters.KGram);
        json.WriteNumber("window", parameters.Window);
        json.WriteNumber("shingle", parameters.Shingle);
        json.WriteString("hash", parameters.Hash);
        json.WriteString("keyId", parameters.KeyId);
        json.WriteEndObject();
    }

    /// <exception cref="FingerprintFileException">Not JSON, or a field is missing or wrong; every problem is named.</exception>
    public static FingerprintDocument Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new FingerprintFileException($"The fingerprint file is not valid JSON: {ex.Message}", ex);
        }

        using (parsed)
        {
            return Read(parsed.RootElement, out IReadOnlyList<FingerprintProblem> problems)
                ?? throw new FingerprintFileException(problems);
        }
    }

    /// <summary>Reads a parsed file; null with every problem when it is not a valid fingerprint file.</summary>
    public static FingerprintDocument? Read(JsonElement root, out IReadOnlyList<FingerprintProblem> problems)
    {
        var found = new List<FingerprintProblem>();
        problems = found;
        if (root.ValueKind != JsonValueKind.Object)
        {
            found.Add(new("", "A fingerprint file is a JSON object, as written by `moderation fingerprint FILE`."));
            return null;
        }

        Unknown(root, s_properties, "", found);
        string? format = String(root, "format", found, required: true);
        if (format is not null && format != Format)
        {
            found.Add(new("format", $"Must be \"{Format}\": is this a file written by `moderation fingerprint`?"));
        }

        if (!root.TryGetProperty("version", out JsonElement version) || version.ValueKind != JsonValueKind.Number)
        {
            found.Add(new("version", $"Is missing or not a number; this server reads version {Version}."));
        }
        else if (!version.TryGetInt32(out int v) || v != Version)
        {
            found.Add(new("version", $"Version {version.GetRawText()} is not supported; this server reads version {Version}: compute the file with the CLI of this release."));
        }

        string? documentId = String(root, "documentId", found, required: true);
        if (documentId is not null && CheckDocumentId(documentId) is { } idProblem)
        {
            found.Add(new("documentId", idProblem));
        }

        string? title = String(root, "title", found, required: false);
        if (CheckTitle(title) is { } titleProblem)
        {
            found.Add(new("title", titleProblem));
        }

        string? division = String(root, "divisionCode", found, required: false);
        if (CheckDivisionCode(division) is { } divisionProblem)
        {
            found.Add(new("divisionCode", divisionProblem));
        }

        root.TryGetProperty("parameters", out JsonElement parametersElement);
        FingerprintParameters? parameters = ReadParameters(parametersElement, found);
        ulong? simHash = null;
        if (String(root, "simhash", found, required: true) is { } simHashText)
        {
            simHash = ParseHex(simHashText);
            if (simHash is null)
            {
                found.Add(new("simhash", "Must be 16 hexadecimal digits."));
            }
        }

        ulong[]? hashes = ReadHashes(root, found);
        if (found.Count > 0)
        {
            return null;
        }

        return new FingerprintDocument(documentId!, title, division, parameters!, simHash!.Value, hashes!);
    }

    private static FingerprintParameters? ReadParameters(JsonElement element, List<FingerprintProblem> found)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            found.Add(new("parameters", "Is missing or not an object; it says how the hashes were computed."));
            return null;
        }

        int before = found.Count;
        Unknown(element, s_parameterProperties, "parameters.", found);
        string? normalization = String(element, "normalization", found, required: true, path: "parameters.normalization");
        int? kGram = Integer(element, "kgram", found);
        int? window = Integer(element, "window", found);
        int? shingle = Integer(element, "shingle", found);
        string? hash = String(element, "hash", found, required: true, path: "parameters.hash");
        string? keyId = String(element, "keyId", found, required: true, path: "parameters.keyId");
        return found.Count > before ? null : new FingerprintParameters(normalization!, kGram!.Value, window!.Value, shingle!.Value, hash!, keyId!);
    }

    private static ulong[]? ReadHashes(JsonElement root, List<FingerprintProblem> found)
    {
        if (!root.TryGetProperty("hashes", out JsonElement element) || element.ValueKind != JsonValueKind.Array)
        {
            found.Add(new("hashes", "Is missing or not an array of hashes."));
            return null;
        }

        var hashes = new ulong[element.GetArrayLength()];
        int i = 0;
        foreach (JsonElement item in element.EnumerateArray())
        {
            ulong? hash = item.ValueKind == JsonValueKind.String ? ParseHex(item.GetString()!) : null;
            if (hash is null)
            {
                found.Add(new($"hashes[{i}]", "Must be a string of 16 hexadecimal digits."));
                return null;
            }

            hashes[i++] = hash.Value;
        }

        ulong[] distinct = [.. hashes.Distinct().Order()];
        if (distinct.Length < FingerprintScheme.MinimumDocumentHashes)
        {
            found.Add(new("hashes", $"Holds {distinct.Length} distinct hash(es); a document needs at least {FingerprintScheme.MinimumDocumentHashes} to ever be matched."));
            return null;
        }

        return distinct;
    }

    private static void Unknown(JsonElement element, HashSet<string> known, string prefix, List<FingerprintProblem> found)
    {
        foreach (JsonProperty property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name))
            {
                // Above all, no "text": the document itself must never reach the system.
                found.Add(new(prefix + property.Name, "Is not part of a fingerprint file; remove it (a fingerprint file never carries text)."));
            }
        }
    }

    private static string? String(JsonElement element, string name, List<FingerprintProblem> found, bool required, string? path = null)
    {
        if (!element.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                found.Add(new(path ?? name, "Is missing."));
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            found.Add(new(path ?? name, $"Must be a string, found {value.ValueKind.ToString().ToLowerInvariant()}."));
            return null;
        }

        return value.GetString();
    }

    private static int? Integer(JsonElement element, string name, List<FingerprintProblem> found)
    {
        if (element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int number) && number > 0)
        {
            return number;
        }

        found.Add(new($"parameters.{name}", "Is missing or not a positive whole number."));
        return null;
    }

    private static string Hex(ulong value) => value.ToString("x16", CultureInfo.InvariantCulture);

    private static ulong? ParseHex(string text) =>
        text.Length == 16 && ulong.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong value) ? value : null;
}
