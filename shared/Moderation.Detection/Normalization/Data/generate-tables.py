#!/usr/bin/env python3
"""Generates the normaliser's character tables (../Generated/*.g.cs) from public Unicode data.

Sources (Debian package `unicode-data`, installed under /usr/share/unicode):
  Unihan_Variants.txt       kSimplifiedVariant, kTraditionalVariant, kZVariant, kSemanticVariant
  Unihan_OtherMappings.txt  kTGH (通用规范汉字表, the 8,105 characters in common use in simplified text)
  Unihan_Readings.txt       kMandarin, kTGHZ2013 (readings, for the pinyin spellings)
  Unihan_NumericValues.txt  kPrimaryNumeric, kAccountingNumeric, kOtherNumeric
  UnicodeData.txt           names, case mappings, numeric values
and, in this folder, homoglyphs.txt, pinyin-phrases.txt, semantic-variants.txt, plus the terms of
../../Rules/default.json.

Usage:
  python3 generate-tables.py            # rewrite ../Generated/*.g.cs
  python3 generate-tables.py --check    # exit 1 if the committed tables differ from what the data gives
"""

import argparse
import bz2
import collections
import itertools
import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
GENERATED = HERE.parent / "Generated"
DEFAULT_RULES = HERE.parent.parent / "Rules" / "default.json"
NAMESPACE = "Moderation.Detection.Normalization"

# Readings are combined per phrase; a phrase with more spellings than this is a data problem.
MAX_SPELLINGS = 256

# Numeral values read in a marking period or a document number; larger ones (千, 万) never are.
MAX_NUMERAL = 40
# The hundreds, for degrees of longitude written out (东经一百一十六度); only these two, since other
# characters Unihan gives a value of 100 (陌, for one) are ordinary words.
HUNDREDS = "百佰"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--unicode-dir", default="/usr/share/unicode", type=Path)
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args()

    data = UnicodeData(args.unicode_dir)
    provenance = data.provenance()
    outputs = {
        "VariantTable.g.cs": variant_table(data, provenance),
        "NumeralTable.g.cs": numeral_table(data, provenance),
        "DigitStyleTable.g.cs": digit_style_table(data, provenance),
        "HomoglyphTable.g.cs": homoglyph_table(data, provenance),
        "PinyinTable.g.cs": pinyin_table(data, provenance),
    }

    stale = []
    GENERATED.mkdir(exist_ok=True)
    for name, text in outputs.items():
        path = GENERATED / name
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(name)
        if not args.check:
            path.write_text(text, encoding="utf-8", newline="\n")

    if args.check:
        for name in stale:
            print(f"{name} is out of date; run generate-tables.py", file=sys.stderr)
        return 1 if stale else 0

    for name in outputs:
        print(f"{'wrote' if name in stale else 'unchanged'} {GENERATED / name}")
    return 0


class UnicodeData:
    def __init__(self, directory: Path):
        self.directory = directory
        self.headers = {}
        self.unihan = collections.defaultdict(dict)
        for file in ("Unihan_Variants.txt", "Unihan_OtherMappings.txt", "Unihan_Readings.txt", "Unihan_NumericValues.txt"):
            self._read_unihan(file)
        self.names = {}
        self.categories = {}
        self.lower = {}
        self.numeric = {}
        self.decomposition = {}
        self._read_unicode_data()
        self.tgh = set(self.unihan["kTGH"])

    def _read_unihan(self, file):
        header = {}
        with bz2.open(self.directory / (file + ".bz2"), "rt", encoding="utf-8") as stream:
            for line in stream:
                if line.startswith("#"):
                    match = re.match(r"#\s*(Date|Unicode version):\s*(.+)", line)
                    if match:
                        header[match.group(1)] = match.group(2).strip()
                    continue
                if not line.strip():
                    continue
                code, field, value = line.rstrip("\n").split("\t")
                self.unihan[field][int(code[2:], 16)] = value
        self.headers[file] = header

    def _read_unicode_data(self):
        with open(self.directory / "UnicodeData.txt", encoding="utf-8") as stream:
            for line in stream:
                fields = line.rstrip("\n").split(";")
                code = int(fields[0], 16)
                self.names[code] = fields[1]
                self.categories[code] = fields[2]
                self.decomposition[code] = fields[5]
                if fields[8]:
                    self.numeric[code] = fields[8]
                if fields[13]:
                    self.lower[code] = int(fields[13], 16)

    def provenance(self):
        try:
            package = subprocess.run(
                ["dpkg-query", "-W", "-f=${Version}", "unicode-data"], capture_output=True, text=True, check=True
            ).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            package = "unknown"
        header = self.headers["Unihan_Variants.txt"]
        return {
            "unicode": header.get("Unicode version", "unknown"),
            "package": package,
            "dates": {file: h.get("Date", "unknown") for file, h in self.headers.items()},
        }

    def code_points(self, field, code):
        value = self.unihan[field].get(code)
        return [int(item.split("<")[0][2:], 16) for item in value.split()] if value else []


# ---------------------------------------------------------------------------------------------
# Traditional → simplified


def variant_pairs(data: UnicodeData):
    """One-to-one folds from a character not in common simplified use to its one common simplified form."""
    forms = collections.defaultdict(set)
    for traditional in data.unihan["kSimplifiedVariant"]:
        forms[traditional].update(data.code_points("kSimplifiedVariant", traditional))
    for simplified in data.unihan["kTraditionalVariant"]:
        for traditional in data.code_points("kTraditionalVariant", simplified):
            if traditional != simplified:
                forms[traditional].add(simplified)

    pairs = {}
    for traditional, simplified_forms in forms.items():
        if traditional in data.tgh:
            # 乾, 著, 覆, 於: written in simplified text as well; folding them would change ordinary words.
            continue
        common = [s for s in simplified_forms if s in data.tgh and s != traditional]
        if len(common) != 1:
            # 線 → 线 or 缐, 鍾 → 钟 or 锺: no one answer, so no fold.
            continue
        pairs[traditional] = common[0]

    # Z-variants are the same character in another typeface (絶 for 絕): fold to the common form.
    for variant in data.unihan["kZVariant"]:
        if variant in data.tgh or variant in pairs or variant in forms:
            continue
        targets = set()
        for other in data.code_points("kZVariant", variant):
            if other in data.tgh:
                targets.add(other)
            elif other in pairs:
                targets.add(pairs[other])
        if len(targets) == 1:
            pairs[variant] = targets.pop()

    # A few semantic variants chosen by hand (祕 is the Taiwan standard form of 秘), each checked here
    # against kSemanticVariant so the list cannot drift from the data.
    for line in read_table(HERE / "semantic-variants.txt"):
        source, target = (int(x, 16) for x in line[:2])
        if target not in data.code_points("kSemanticVariant", source):
            raise SystemExit(f"semantic-variants.txt: U+{target:04X} is not a kSemanticVariant of U+{source:04X}")
        if target not in data.tgh:
            raise SystemExit(f"semantic-variants.txt: U+{target:04X} must be in common simplified use (kTGH)")
        pairs[source] = target

    bmp = {t: s for t, s in pairs.items() if t <= 0xFFFF and s <= 0xFFFF}
    for target in bmp.values():
        assert target not in bmp, "a fold must not lead to another fold"
    return dict(sorted(bmp.items()))


def variant_table(data, provenance):
    pairs = variant_pairs(data)
    text = "".join(chr(t) + chr(s) for t, s in pairs.items())
    body = [
        "/// <summary>",
        "/// Traditional (and variant) → simplified Chinese, one character to one, as pairs sorted by the",
        "/// traditional character. A character is folded only when it is not itself in common simplified use",
        "/// (kTGH, the 通用规范汉字表) and has exactly one simplified form in common use, so 乾, 著, 覆 and 於 stay",
        "/// as they are and 線 (线 or 缐) is not guessed. Also Z-variants (絶 → 绝) and the hand-checked",
        "/// semantic variants of Data/semantic-variants.txt (祕 → 秘).",
        "/// </summary>",
        "internal static class VariantTable",
        "{",
        f"    /// <summary>{len(pairs)} pairs: traditional, simplified.</summary>",
        "    public const string TraditionalToSimplified =",
        *string_lines(text, 96),
        "}",
    ]
    return render(provenance, ["Unihan_Variants.txt", "Unihan_OtherMappings.txt"], body)


# ---------------------------------------------------------------------------------------------
# Numerals


def numerals(data: UnicodeData, variants):
    values = {}
    for field in ("kPrimaryNumeric", "kAccountingNumeric", "kOtherNumeric"):
        for code, value in data.unihan[field].items():
            if code <= 0xFFFF and value.isdigit() and int(value) <= MAX_NUMERAL:
                values.setdefault(code, int(value))
    # 〇 and the Hangzhou (Suzhou) numerals are in UnicodeData.txt rather than Unihan.
    for code, name in data.names.items():
        if name == "IDEOGRAPHIC NUMBER ZERO" or name.startswith("HANGZHOU NUMERAL"):
            value = data.numeric[code]
            if value.isdigit() and int(value) <= MAX_NUMERAL:
                values.setdefault(code, int(value))
    for c in HUNDREDS:
        values.setdefault(ord(c), 100)
    # A simplified form inherits the value of the traditional character it folds from (兩 → 两).
    for traditional, simplified in variants.items():
        if traditional in values and simplified not in values:
            values[simplified] = values[traditional]
    # Characters that fold to another are never seen by the numeral reader.
    return {c: v for c, v in sorted(values.items()) if c not in variants}


def numeral_table(data, provenance):
    values = numerals(data, variant_pairs(data))
    chars = "".join(chr(c) for c in values)
    body = [
        "/// <summary>",
        "/// Chinese numerals with a value of at most " + str(MAX_NUMERAL) + " (一, 十, 廿, 两, 叁, 〇, 〤 …) and the hundreds (百, 佰), read as a number only",
        "/// where a rule needs one (<see cref=\"NumeralFolding\"/>). Sorted by character.",
        "/// </summary>",
        "internal static class NumeralTable",
        "{",
        "    public const string Characters =",
        *string_lines(chars, 96),
        "",
        "    /// <summary>The value of each character of <see cref=\"Characters\"/>.</summary>",
        "    public static ReadOnlySpan<byte> Values =>",
        *byte_lines(list(values.values()), 32),
        "}",
    ]
    return render(provenance, ["Unihan_NumericValues.txt", "UnicodeData.txt"], body)


# ---------------------------------------------------------------------------------------------
# Digit and letter styles NFKC leaves alone


def digit_styles(data: UnicodeData):
    bmp, supplementary = {}, {}
    for code, name in data.names.items():
        decomposition = data.decomposition[code]
        value = data.numeric.get(code, "")
        if decomposition.startswith("<compat>"):
            # NFKC gives ⑴ → (1), ⒈ → 1., 🄂 → 1, and ㈤ → (五): read them as the number, like ① → 1.
            expanded = "".join(chr(int(x, 16)) for x in decomposition.split()[1:])
            match = re.fullmatch(r"\((\d+)\)|(\d+)[.,]|\(([一二三四五六七八九十])\)", expanded)
            if not match:
                continue
            target = next(group for group in match.groups() if group)
        elif decomposition:
            continue  # NFKC already folds it (①, 𝟓)
        elif data.categories[code] == "No" and "CIRCLED" in name and value.isdigit() and int(value) <= 20:
            target = value
        else:
            match = re.fullmatch(r"(NEGATIVE CIRCLED|NEGATIVE SQUARED|REGIONAL INDICATOR SYMBOL) (LATIN CAPITAL )?LETTER ([A-Z])", name)
            if not match:
                continue
            target = match.group(3).lower()
        (bmp if code <= 0xFFFF else supplementary)[code] = target
    return dict(sorted(bmp.items())), dict(sorted(supplementary.items()))


def digit_style_table(data, provenance):
    bmp, supplementary = digit_styles(data)
    body = [
        "/// <summary>",
        "/// Digit and letter styles NFKC leaves alone or leaves punctuated: negative, double and dingbat",
        "/// circled digits (❺, ⓹, ➎, ⓫), parenthesised digits and digits with a full stop or comma (⑴, ⒈,",
        "/// 🄂), parenthesised numeral ideographs (㈤), negative circled or squared letters and regional",
        "/// indicators (🅣, 🆃, 🇹). Folded everywhere, before NFKC, like ① and Ｔ.",
        "/// </summary>",
        "internal static class DigitStyleTable",
        "{",
        "    /// <summary>Characters of the Basic Multilingual Plane, sorted.</summary>",
        "    public const string Characters =",
        *string_lines("".join(chr(c) for c in bmp), 64),
        "",
        "    /// <summary>What each character of <see cref=\"Characters\"/> folds to.</summary>",
        "    public static readonly string[] Folded =",
        "    [",
        *wrap([f'"{v}",' for v in bmp.values()], 100, "        "),
        "    ];",
        "",
        "    /// <summary>Supplementary-plane code points, sorted.</summary>",
        "    public static ReadOnlySpan<int> SupplementaryCodePoints =>",
        "    [",
        *wrap([f"0x{c:X}," for c in supplementary], 100, "        "),
        "    ];",
        "",
        "    /// <summary>The letter each of <see cref=\"SupplementaryCodePoints\"/> folds to.</summary>",
        "    public const string SupplementaryFolded =",
        *string_lines("".join(supplementary.values()), 96),
        "}",
    ]
    return render(provenance, ["UnicodeData.txt"], body)


# ---------------------------------------------------------------------------------------------
# Homoglyphs


def homoglyph_table(data, provenance):
    word = {}  # folded (lower-case) letter → [latin for a capital original, latin for a small original]
    always = {}
    for line in read_table(HERE / "homoglyphs.txt"):
        code, target, scope = int(line[0], 16), line[1], line[2]
        if code not in data.names:
            raise SystemExit(f"homoglyphs.txt: U+{code:04X} is not assigned")
        name = data.names[code]
        if scope == "always":
            always[code] = target
            continue
        if scope != "word" or not re.fullmatch(r"[a-z]", target):
            raise SystemExit(f"homoglyphs.txt: U+{code:04X}: scope must be 'word' with a Latin letter, or 'always'")
        if not name.startswith(("CYRILLIC", "GREEK")):
            raise SystemExit(f"homoglyphs.txt: U+{code:04X} {name} is neither Cyrillic nor Greek")
        if data.decomposition[code]:
            raise SystemExit(f"homoglyphs.txt: U+{code:04X} {name} has a decomposition; NFKC folds it before this table is read")
        capital = data.categories[code] == "Lu"
        folded = data.lower.get(code, code)
        entry = word.setdefault(folded, [None, None])
        entry[0 if capital else 1] = target
    for folded, (capital, small) in word.items():
        if small is not None and capital is None:
            raise SystemExit(
                f"homoglyphs.txt: U+{folded:04X} folds as a small letter but its capital is not listed; "
                "the fold would not be idempotent")

    word = dict(sorted(word.items()))
    always = dict(sorted(always.items()))
    body = [
        "/// <summary>",
        "/// Look-alike characters, hand-curated in Data/homoglyphs.txt with Unicode's confusables.txt",
        "/// (UTS #39) as the reference, because Debian's unicode-data package does not ship it.",
        "/// </summary>",
        "internal static class HomoglyphTable",
        "{",
        "    /// <summary>",
        "    /// Cyrillic and Greek letters as they appear after case folding, sorted, with the Latin letter",
        "    /// they stand for when the original was a capital (<see cref=\"CapitalLatin\"/>) or a small letter",
        "    /// (<see cref=\"SmallLatin\"/>; a space where the small letter looks like no Latin letter).",
        "    /// </summary>",
        "    public const string Letters =",
        *string_lines("".join(chr(c) for c in word), 96),
        "",
        "    public const string CapitalLatin =",
        *string_lines("".join(v[0] for v in word.values()), 96),
        "",
        "    public const string SmallLatin =",
        *string_lines("".join(v[1] or " " for v in word.values()), 96),
        "",
        "    /// <summary>Symbols folded everywhere (stars, asterisks, circles for 〇), sorted.</summary>",
        "    public const string Symbols =",
        *string_lines("".join(chr(c) for c in always), 96),
        "",
        "    public const string SymbolsFolded =",
        *string_lines("".join(always.values()), 96),
        "}",
    ]
    return render(provenance, ["UnicodeData.txt"], body, hand_curated="homoglyphs.txt")


# ---------------------------------------------------------------------------------------------
# Pinyin


def toneless(reading: str):
    """jué → jue; lǜ → lv and lu (both are typed for ü)."""
    decomposed = unicodedata.normalize("NFD", reading.lower())
    decomposed = decomposed.replace("u\u0308", "v")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    if not re.fullmatch(r"[a-z]+", plain):
        raise SystemExit(f"unexpected reading {reading!r}")
    return [plain, plain.replace("v", "u")] if "v" in plain else [plain]


def readings(data: UnicodeData, char: str):
    code = ord(char)
    found = data.unihan["kMandarin"].get(code, "").split()
    for item in data.unihan["kTGHZ2013"].get(code, "").split():
        found.append(item.split(":", 1)[1])
    spellings = []
    for reading in found:
        for spelling in toneless(reading):
            if spelling not in spellings:
                spellings.append(spelling)
    if not spellings:
        raise SystemExit(f"no Mandarin reading for {char} (U+{code:04X})")
    return spellings


def watched_phrases():
    phrases = {}
    rules = json.loads(strip_json_comments(DEFAULT_RULES.read_text(encoding="utf-8")))
    for rule in rules["rules"]:
        for term in rule.get("terms", []):
            term = term.strip()
            if term and all(is_ideograph(c) for c in term):
                phrases.setdefault(term, "anywhere")
    for line in read_table(HERE / "pinyin-phrases.txt"):
        phrase, context = line[0], line[1]
        if context not in ("anywhere", "level", "period"):
            raise SystemExit(f"pinyin-phrases.txt: unknown context {context!r}")
        phrases[phrase] = context
    return phrases


def pinyin_table(data, provenance):
    phrases = watched_phrases()
    entries = []
    for phrase, context in phrases.items():
        per_char = [readings(data, c) for c in phrase]
        count = 1
        for spellings in per_char:
            count *= len(spellings) + 1
        if count > MAX_SPELLINGS:
            raise SystemExit(f"{phrase}: {count} spellings; too many readings")
        entries.append((phrase, context, " ".join("/".join(s) for s in per_char)))

    contexts = {"anywhere": "Anywhere", "level": "MarkingLevel", "period": "MarkingPeriod"}
    body = [
        "/// <summary>",
        "/// The phrases whose pinyin the normaliser reads as characters, with the toneless readings of each",
        "/// character (syllables separated by spaces, alternatives by '/'). The terms of the default rule set",
        "/// plus Data/pinyin-phrases.txt; readings from kMandarin and kTGHZ2013.",
        "/// </summary>",
        "internal static class PinyinTable",
        "{",
        "    public static readonly (string Phrase, PinyinContext Context, string Readings)[] Entries =",
        "    [",
        *[f'        ("{p}", PinyinContext.{contexts[c]}, "{r}"),' for p, c, r in entries],
        "    ];",
        "}",
    ]
    return render(provenance, ["Unihan_Readings.txt"], body, hand_curated="pinyin-phrases.txt and ../../Rules/default.json")


# ---------------------------------------------------------------------------------------------
# Helpers


def is_ideograph(c):
    return 0x3400 <= ord(c) <= 0x4DBF or 0x4E00 <= ord(c) <= 0x9FFF


def strip_json_comments(text):
    # The rule set may carry // and /* */ comments; none of its strings contains either.
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return re.sub(r"^\s*//.*$", "", text, flags=re.M)


def read_table(path):
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if line:
            yield line.split()


def csharp_char(c):
    code = ord(c)
    if c in "\"\\" or code < 0x20 or 0xD800 <= code <= 0xDFFF or unicodedata.category(c) in ("Cf", "Zs", "Mn", "Co", "Cn"):
        return f"\\u{code:04X}"
    return c


def string_lines(text, width):
    if not text:
        return ['        "";']
    chunks = [text[i:i + width] for i in range(0, len(text), width)]
    lines = []
    for i, chunk in enumerate(chunks):
        end = ";" if i == len(chunks) - 1 else " +"
        lines.append('        "' + "".join(csharp_char(c) for c in chunk) + '"' + end)
    return lines


def byte_lines(values, per_line):
    lines = ["    ["]
    for i in range(0, len(values), per_line):
        lines.append("        " + " ".join(f"{v}," for v in values[i:i + per_line]))
    lines.append("    ];")
    return lines


def wrap(items, width, indent):
    lines, current = [], indent
    for item in items:
        if len(current) + len(item) + 1 > width and current.strip():
            lines.append(current.rstrip())
            current = indent
        current += item + " "
    if current.strip():
        lines.append(current.rstrip())
    return lines


def render(provenance, sources, body, hand_curated=None):
    dates = provenance["dates"]
    source_lines = []
    for source in sources:
        date = dates.get(source)
        source_lines.append(f"//   {source}" + (f" (dated {date})" if date else ""))
    header = [
        "// <auto-generated>",
        "//   Generated by Normalization/Data/generate-tables.py; do not edit. Rerun the script instead.",
        f"//   Unicode {provenance['unicode']}, Debian package unicode-data {provenance['package']}:",
        *source_lines,
    ]
    if hand_curated:
        header.append(f"//   with the hand-curated list {hand_curated}")
    header += [
        "//   Unicode data: Copyright © 1991-2022 Unicode, Inc., Unicode License (https://www.unicode.org/license.txt).",
        "// </auto-generated>",
        "",
        f"namespace {NAMESPACE};",
        "",
    ]
    return "\n".join(header + body) + "\n"


if __name__ == "__main__":
    sys.exit(main())
