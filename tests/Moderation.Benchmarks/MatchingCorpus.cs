using System.Text;

namespace Moderation.Benchmarks;

/// <summary>
/// Term lists and "mixed text" for the matching benchmarks, generated in code with fixed seeds so
/// every run measures the same input and nothing is downloaded.
/// </summary>
/// <remarks>
/// Characters follow a Zipf-like distribution over about 3,500 characters, the most frequent ones
/// written out below in roughly descending order of use in modern written Chinese. Text is built from
/// a vocabulary of words drawn from that distribution, in sentences with Chinese punctuation, and a
/// sprinkling of Latin words, numbers and ASCII punctuation, as forum posts have. Terms begin with
/// vocabulary words, so most of them share a prefix with something in the text and the automaton
/// leaves its root often, as it does with real term lists; a few terms are then planted in the text
/// so the hit density is low but not zero (<see cref="HitsPerThousandCharacters"/>).
/// </remarks>
internal static class MatchingCorpus
{
    private const string FrequentCharacters =
        "的一是不了人我在有他这为之大来以个中上们到说国和地也子时道出而要于就下得可你年生自会那后能对着事其里所去" +
        "行过家十用发天如然作方成者多日都三小军二无同么经法当起与好看学进种将还分此心前面又定见只主没公从知使点部开" +
        "等意全正战些把动它手间本想已现物头被两外高实最长向样因各重新问相回理并体明由老月度比文内四直关感力利位气五" +
        "世路加情应合山身义九条几先工口放美题八信接取据今数反资水展造表性少总象影权则次结解议思名制领提东强通改化号" +
        "走指原且完北给联件活深太程品装场组任期况步色白即界计万极真南持众近电非支更米论清代神候城爱识调连格常形女确" +
        "群料基西望约科张记线难至吃速土务须习往满收言断究观转达流红验百团易阶传争备省视元类状院落半千林酒王精具查命" +
        "设治集需根研委听音系积布参认决统华火叫该运复温政际求规区七照花市单兴书越交型费示共容离标量李官叶够层铁值除" +
        "讲宣农司板史河六较局建推级段住远保待切再座安注陈足片拿存却终响写整导衣何效细苦青车划随般族杀父门石木福树奇" +
        "呢脸属防胜斗球诉喜灵低护兵刻党快失试职味守虽营律增母价派显早空始致坐帮专乎朝油助船投鲜热留击施顾找术亲初坚" +
        "负哪京纪杂息钱严英药刚左德降跟急谁毛掉夫冲模适济脚阵房虎配香讨劳既妈止破乐独欢简陆呼杨岁朋微技阳图皇谈预演" +
        "拉维绝罗承庭念读尽曾杰素秘密静批皮钢汽春哥哈顺赛湖益银雄武唱普吗考吧请汉困洗睡招孩园游戏网店买卖饭菜鱼肉鸡" +
        "蛋茶奶糖盐汤面包饼果苹蕉瓜楼遇类似周末带公拍照片续航充编籍谢区门新馆牛宗今形势怎么岸辈分享经验装修防麻烦部" +
        "电影局意料彩司年会抽奖台扫器运附近哪脑屏幕突亮最近红烧功星评外婆秘配方简单关键掌握精仪校准测偏差版更快铁挤" +
        "建议错峰感谢收藏头慢手机电池话题帖子回复顶赞踩楼主沙发版主管理员注册登录密码账号邮箱验证码发布删除修改举报";

    private const string Punctuation = "，，，，，。。。、！？；：";

    private static readonly string[] s_latin =
    [
        "iPhone", "Android", "wifi", "App", "OK", "bug", "GPS", "CPU", "PDF", "Excel", "QQ", "VIP", "DIY", "PK",
        "http://bbs.example.cn/t/", "5G", "4K", "USB", "B站", "up主", "emoji", "vlog", "PPT", "APP", "NBA",
    ];

    private static readonly char[] s_characters = BuildCharacters(3_500);
    private static readonly double[] s_characterWeights = ZipfCumulative(s_characters.Length, offset: 20, exponent: 1.4);
    private static readonly string[] s_vocabulary = BuildVocabulary(30_000, seed: 7);
    private static readonly double[] s_vocabularyWeights = ZipfCumulative(s_vocabulary.Length, offset: 20, exponent: 1.0);

    /// <summary>20,000 distinct terms of 2–8 characters; the first 5,000 are the smaller list.</summary>
    public static IReadOnlyList<string> Terms20000 { get; } = BuildTerms(20_000, seed: 11);

    public static IReadOnlyList<string> Terms5000 { get; } = [.. Terms20000.Take(5_000)];

    public const int TextLength = 1 << 20;

    public const int ShortTextLength = 1 << 16;

    /// <summary>2<sup>20</sup> characters (2 MiB as UTF-16) of mixed text.</summary>
    public static string Text { get; } = MixedText(TextLength, seed: 13);

    /// <summary>The first 64 Ki characters of <see cref="Text"/>, for baselines too slow for the whole.</summary>
    public static string ShortText { get; } = Text[..ShortTextLength];

    /// <summary>Measured rather than assumed: every occurrence of every term, per 1,000 characters of text.</summary>
    public static double HitsPerThousandCharacters(IReadOnlyList<string> terms, string text)
    {
        long hits = 0;
        foreach (string term in terms)
        {
            for (int i = text.IndexOf(term, StringComparison.Ordinal); i >= 0; i = text.IndexOf(term, i + 1, StringComparison.Ordinal))
            {
                hits++;
            }
        }

        return hits * 1000.0 / text.Length;
    }

    private static char[] BuildCharacters(int count)
    {
        var seen = new HashSet<char>();
        var characters = new List<char>(count);
        foreach (char c in FrequentCharacters)
        {
            if (seen.Add(c))
            {
                characters.Add(c);
            }
        }

        // The long tail: other characters of the CJK Unified Ideographs block, in a fixed random order.
        var random = new Random(3);
        while (characters.Count < count)
        {
            char c = (char)random.Next(0x4E00, 0x9FA6);
            if (seen.Add(c))
            {
                characters.Add(c);
            }
        }

        return [.. characters];
    }

    private static double[] ZipfCumulative(int count, int offset, double exponent)
    {
        var cumulative = new double[count];
        double total = 0;
        for (int rank = 0; rank < count; rank++)
        {
            total += Math.Pow(rank + 1 + offset, -exponent);
            cumulative[rank] = total;
        }

        for (int rank = 0; rank < count; rank++)
        {
            cumulative[rank] /= total;
        }

        return cumulative;
    }

    private static int Pick(double[] cumulative, Random random)
    {
        int index = Array.BinarySearch(cumulative, random.NextDouble());
        return Math.Min(index < 0 ? ~index : index, cumulative.Length - 1);
    }

    private static char NextCharacter(Random random) => s_characters[Pick(s_characterWeights, random)];

    private static string NextWord(Random random) => s_vocabulary[Pick(s_vocabularyWeights, random)];

    private static string[] BuildVocabulary(int count, int seed)
    {
        var random = new Random(seed);
        var words = new HashSet<string>(StringComparer.Ordinal);
        var vocabulary = new List<string>(count);
        var word = new StringBuilder();
        while (vocabulary.Count < count)
        {
            int roll = random.Next(100);
            int length = roll < 12 ? 1 : roll < 75 ? 2 : roll < 90 ? 3 : 4;
            word.Clear();
            for (int i = 0; i < length; i++)
            {
                word.Append(NextCharacter(random));
            }

            if (words.Add(word.ToString()))
            {
                vocabulary.Add(word.ToString());
            }
        }

        return [.. vocabulary];
    }

    private static string[] BuildTerms(int count, int seed)
    {
        var random = new Random(seed);
        var vocabulary = new HashSet<string>(s_vocabulary, StringComparer.Ordinal);
        var terms = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<string>(count);
        var term = new StringBuilder();
        while (list.Count < count)
        {
            int roll = random.Next(100);
            int length = roll < 15 ? 2 : roll < 40 ? 3 : roll < 70 ? 4 : roll < 82 ? 5 : roll < 90 ? 6 : roll < 95 ? 7 : 8;

            // A term starts like text does (a word of the vocabulary shorter than the term), then goes
            // its own way with characters drawn evenly from the whole set, mostly rare ones, so it shares
            // prefixes with the text without occurring in it by chance very often.
            string start = NextWord(random);
            for (int attempt = 0; start.Length >= length && attempt < 10; attempt++)
            {
                start = NextWord(random);
            }

            term.Clear().Append(start.Length < length ? start : start[..1]);
            while (term.Length < length)
            {
                term.Append(s_characters[random.Next(s_characters.Length)]);
            }

            string text = term.ToString(0, length);
            if (!vocabulary.Contains(text) && terms.Add(text))
            {
                list.Add(text);
            }
        }

        return [.. list];
    }

    /// <summary>Mixed text of exactly <paramref name="length"/> characters; another seed gives other text.</summary>
    public static string MixedText(int length, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder(length + 64);
        int nextPlant = 300;
        while (text.Length < length)
        {
            int words = random.Next(4, 17);
            for (int w = 0; w < words; w++)
            {
                int roll = random.Next(100);
                if (roll < 3)
                {
                    // Latin words and numbers sit between spaces in about half the posts that use them.
                    string separator = random.Next(2) == 0 ? " " : string.Empty;
                    text.Append(separator).Append(s_latin[random.Next(s_latin.Length)]).Append(separator);
                }
                else if (roll < 5)
                {
                    text.Append(random.Next(1, 2030)).Append(random.Next(3) == 0 ? "年" : string.Empty);
                }
                else
                {
                    text.Append(NextWord(random));
                }

                if (random.Next(6) == 0)
                {
                    text.Append(Punctuation[random.Next(Punctuation.Length)]);
                }
            }

            text.Append(random.Next(8) == 0 ? "?! " : "。");
            if (random.Next(5) == 0)
            {
                text.Append('\n');
            }

            if (text.Length >= nextPlant)
            {
                text.Append(Terms20000[random.Next(Terms20000.Count)]);
                nextPlant = text.Length + random.Next(200, 600);
            }
        }

        return text.ToString(0, length);
    }
}
