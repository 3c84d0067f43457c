using System.Globalization;
using System.Text;

namespace Moderation.Learning.Corpus.Generation;

/// <summary>
/// The vocabulary templates fill their slots from, and the random choices. Organisations, units,
/// names and numbers are invented; the shapes (markings, document numbers, banners) follow the
/// published standards (GB/T 9704 for official documents, the US marking manual for banners).
/// </summary>
internal sealed class Slots(Random random)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public Random Random { get; } = random;

    public string Pick(params string[] choices) => choices[Random.Next(choices.Length)];

    public int Int(int min, int maxInclusive) => Random.Next(min, maxInclusive + 1);

    public bool Chance(double probability) => Random.NextDouble() < probability;

    public string Digits(int count)
    {
        var builder = new StringBuilder(count);
        for (int i = 0; i < count; i++)
        {
            builder.Append((char)('0' + Random.Next(10)));
        }

        return builder.ToString();
    }

    /// <summary>Distinct picks in random order, joined.</summary>
    public string Some(string[] choices, int min, int max, string separator = "")
    {
        int count = Math.Min(Int(min, max), choices.Length);
        var indexes = Enumerable.Range(0, choices.Length).ToList();
        var picked = new List<string>(count);
        for (int i = 0; i < count; i++)
        {
            int at = Random.Next(indexes.Count);
            picked.Add(choices[indexes[at]]);
            indexes.RemoveAt(at);
        }

        return string.Join(separator, picked);
    }

    /// <summary>One of the choices, or (as often as any one of them) nothing: posts without a title.</summary>
    public string? Optional(params string[] choices)
    {
        int at = Random.Next(choices.Length + 1);
        return at == choices.Length ? null : choices[at];
    }

    // ---- Markings and headers -------------------------------------------------------------

    public string Level() => Pick("绝密", "机密", "秘密");

    public string Period(string level) => level switch
    {
        "绝密" => Pick("长期", "30年", "20年", "长期"),
        "机密" => Pick("20年", "10年", "15年", "十年"),
        _ => Pick("10年", "5年", "3年", "五年"),
    };

    /// <summary>A level and period such as <c>机密★10年</c>.</summary>
    public string Marking()
    {
        string level = Level();
        return $"{level}★{Period(level)}";
    }

    public string Organ() => Pick(
        "国务院办公厅", "中央军委联合参谋部", "国家安全部", "公安部", "外交部", "国防科工局", "某省委办公厅",
        "某市公安局", "战区联合作战指挥中心", "某研究所", "省国家安全厅", "某集团军政治工作部", "省委组织部",
        "某军区后勤部", "国家保密局", "某基地司令部", "省公安厅网安总队", "中央办公厅");

    public string DocNumber()
    {
        string prefix = Pick("国办发", "军参发", "安发", "公通字", "外发", "科工发", "省委办发", "市公发", "战指发", "研发", "组发", "后发", "保发", "中办发");
        int year = Int(2012, 2026);
        int number = Int(1, 260);
        return Pick("〔", "〔", "[", "（") switch
        {
            "〔" => $"{prefix}〔{year}〕{number}号",
            "[" => $"{prefix}[{year}]{number}号",
            _ => $"{prefix}（{year}）{number}号",
        };
    }

    public string CopyNumber() => Pick($"份号：{Digits(6)}", $"第{Int(1, 60)}份 共{Int(60, 120)}份", $"共印{Int(20, 200)}份");

    public string SecretSubject() => Pick(
        "关于边境地区兵力调整的通知", "关于某型导弹定型试验安排的报告", "关于重点目标防护方案的请示",
        "关于近期涉外情报工作的通报", "关于干部考察对象的情况通报", "关于网络攻防演练部署的意见",
        "关于核心技术攻关项目进展的汇报", "关于某重大案件侦办情况的报告", "关于重点人员管控的通知",
        "关于海上维权行动方案的批复", "关于新型雷达部署位置的通知", "关于出访安保方案的通知",
        "关于卫星发射计划调整的函", "关于对外谈判方案的报告", "关于战备物资储备情况的报告",
        "关于某型舰艇试航安排的通知", "关于边境口岸管控措施的紧急通知", "关于敏感人员出境审批的规定");

    public string Name() => Pick("王建国", "李明", "张伟", "刘洋", "陈静", "赵军", "孙立", "周强", "吴刚", "郑海", "黄磊", "马林");

    public string Date() => $"{Int(2015, 2026)}年{Int(1, 12)}月{Int(1, 28)}日";

    // ---- Official language, shared by leaks and public notices ------------------------------

    public string Official() => Pick(
        "各单位要高度重视，认真组织落实。", "请各部门于本月底前将落实情况报送办公室。", "本方案自印发之日起施行。",
        "要加强组织领导，明确责任分工。", "请结合实际，认真贯彻执行。", "有关情况请及时报告。", "现将有关事项通知如下：",
        "经研究，现批复如下：", "特此通知。", "各地要统筹安排，确保工作按期完成。", "执行中遇到的问题，请及时反馈。",
        "要压实责任，强化督导检查。", "各级要把此项工作列入重要议事日程。", "请认真研究，提出具体意见。");

    public string Officials(int min, int max)
    {
        var builder = new StringBuilder();
        int count = Int(min, max);
        for (int i = 0; i < count; i++)
        {
            builder.Append(Official());
        }

        return builder.ToString();
    }

    /// <summary>A sentence only a leaked document would contain: forces, tests, people, plans.</summary>
    public string SecretFact() => Pick(
        $"{Unit()}于{Int(1, 12)}月{Int(1, 28)}日前完成集结，进驻{Place()}一线。",
        $"{Equipment()}共{Int(2, 36)}套，部署于{Place()}附近，坐标另行下发。",
        "参演人员名单及联络方式见附件，严格控制知悉范围。",
        $"试验窗口定于{Int(1, 12)}月{Int(1, 14)}日至{Int(15, 28)}日，靶场位于{Place()}。",
        $"该项目核心指标已达到射程{Int(800, 12000)}公里，尚未对外公布。",
        "谈判底线另附，不得向外方透露任何口径。",
        $"重点人员共{Int(3, 90)}名，具体名单见附件二。",
        $"本次行动代号“{Codename()}”，对外统一口径为例行训练。",
        $"拟提拔人选为{Name()}、{Name()}，考察结果暂不公开。",
        $"目标区域内共有{Int(2, 12)}处关键设施，防护等级为一级。",
        $"侦察发现对方在{Place()}方向增加了{Int(2, 20)}个营的兵力。",
        $"{Equipment()}的改进型将于{Int(2026, 2030)}年列装{Unit()}。");

    // ---- Public documents and reviews ----------------------------------------------------------

    public string PublicDocNumber()
    {
        string prefix = Pick("国发", "国办发", "国办函", "粤府办", "教基", "财税", "人社部发", "京政发", "沪府规", "发改价格");
        return $"{prefix}〔{Int(2015, 2026)}〕{Int(1, 120)}号";
    }

    public string PolicyName() => Pick(
        "《全民健身计划（2026—2030年）》", "《关于促进消费扩容提质的若干措施》", "《城市更新行动方案》",
        "《关于进一步优化营商环境的意见》", "《新时代基础教育扩优提质行动计划》", "《关于加强养老服务体系建设的指导意见》");

    public string Stars()
    {
        int full = Int(1, 5);
        return Pick("stars", "stars", "score") == "score"
            ? $"{full}★"
            : new string('★', full) + new string('☆', 5 - full);
    }

    // ---- Military ----------------------------------------------------------------------------

    public string Unit() => Pick(
        $"{Digits(5)}部队", $"第{Int(71, 83)}集团军", $"火箭军第{Int(61, 69)}基地", "东部战区海军某支队",
        $"空军第{Int(1, 40)}旅", $"陆军第{Int(1, 200)}合成旅", $"武警{Pick("新疆", "西藏", "福建", "广东")}总队", $"{Digits(5)}部队{Int(1, 9)}营");

    public string Place() => Pick(
        "福建沿海", "新疆和田", "西藏阿里", "舟山群岛", "内蒙古朱日和", "青海格尔木", "海南三亚", "广西凭祥",
        "吉林珲春", "甘肃酒泉", "南海某岛礁", "辽宁大连", "云南瑞丽", "山东青岛", "黑龙江漠河");

    public string Equipment() => Pick(
        "东风-26导弹发射车", "红旗-9防空营", "歼-16战机", "052D驱逐舰", "预警雷达", "远程火箭炮",
        "电子侦察车", "运-20运输机", "无人侦察机", "反舰导弹连", "巡航导弹发射单元");

    public string Codename() => Pick("雷霆", "利剑", "天网", "海鹰", "长城", "北斗", "蓝盾", "猎狐", "晨光", "磐石");

    public string Coordinates() => Pick(
        $"北纬{Int(18, 50)}°{Int(0, 59)}′{Int(0, 59)}″，东经{Int(75, 134)}°{Int(0, 59)}′{Int(0, 59)}″",
        $"北纬{Int(18, 50)}度{Int(0, 59)}分，东经{Int(75, 134)}度{Int(0, 59)}分",
        $"{Int(18, 50)}.{Digits(5)}, {Int(75, 134)}.{Digits(5)}",
        $"N{Int(18, 50)}.{Digits(4)} E{Int(75, 134)}.{Digits(4)}");

    // ---- Internal circulation ------------------------------------------------------------------

    public string InternalPhrase() => Pick("内部资料", "内部文件", "内部传阅", "仅供内部", "内部材料", "内部刊物");

    public string HandlingPhrase() => Pick("不得外传", "注意保密", "严禁复制", "阅后收回", "不得翻印", "严禁扩散", "阅后销毁", "用后收回");

    // ---- English -----------------------------------------------------------------------------

    public string Banner() => Pick(
        "TOP SECRET//SI//NOFORN", "SECRET//NOFORN", "TOP SECRET//HCS//ORCON//NOFORN", "SECRET//REL TO USA, FVEY",
        "CONFIDENTIAL//NOFORN", "TOP SECRET//COMINT//REL TO USA, AUS, CAN, GBR, NZL", "SECRET//ORCON", "TOP SECRET//SI//TK//NOFORN");

    public string Portion() => Pick("(TS//SI)", "(S//NF)", "(S//REL TO USA, FVEY)", "(TS//NF)", "(C//NF)", "(S//OC)", "(TS//SI//NF)");

    public string EnglishSubject() => Pick(
        "PLA Navy Deployment Near the Spratly Islands", "Assessment of Missile Test Schedule", "Source Reporting on Cabinet Negotiations",
        "Cyber Operations Target List", "Force Posture Review, Western Pacific", "Embassy Security Incident",
        "Leadership Travel Security Plan", "Satellite Imagery of Coastal Air Bases", "Status of Sanctions Negotiations");

    public string EnglishFact() => Pick(
        $"{Portion()} A sensitive source reports that {Int(4, 36)} launchers moved to a coastal site on {Date2()}.",
        $"{Portion()} This information is derived from intercepted communications and must not be shared with foreign partners.",
        $"{Portion()} Recommend the ambassador not raise the issue until the interagency review is complete.",
        $"{Portion()} Imagery confirms {Int(2, 12)} new hardened shelters at the airfield.",
        $"{Portion()} The delegation's fallback position is attached; do not disclose it to the other side.",
        $"{Portion()} The asset's identity is known to fewer than {Int(5, 20)} officers.");

    public string Date2() => new DateTime(2014, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(Int(0, 4500)).ToString("d MMMM yyyy", Invariant);

    public string Office() => Pick("Deputy Director, NSA", "Chief of Station", "J2 Intelligence Directorate", "Director, Office of Analysis", "Ambassador");

    public string AuthorityBlock() => Pick(
        $"Classified By: {Office()}\nReason: 1.4(c)\nDeclassify On: {Int(2035, 2050)}{Int(10, 12)}{Int(10, 28)}",
        $"Derived From: NSA/CSSM 1-52\nDeclassify On: 25X1, {Int(2040, 2070)}",
        $"CLASSIFIED BY: {Office()}, REASONS: 1.4(B) AND (D)");

    // ---- Ordinary talk ------------------------------------------------------------------------

    public string City() => Pick("北京", "上海", "广州", "成都", "杭州", "西安", "武汉", "南京", "重庆", "长沙", "苏州", "青岛", "昆明", "厦门");

    public string Dish() => Pick("红烧肉", "酸菜鱼", "牛肉面", "小龙虾", "火锅", "糖醋排骨", "煲仔饭", "麻辣烫", "烤鸭", "生煎包", "螺蛳粉", "肉夹馍");

    public string Game() => Pick("王者荣耀", "原神", "英雄联盟", "我的世界", "塞尔达", "黑神话", "和平精英", "星露谷", "艾尔登法环", "蛋仔派对");

    public string Product() => Pick("笔记本", "手机", "路由器", "耳机", "显示器", "机械键盘", "扫地机器人", "电动牙刷", "空气炸锅", "平板");

    public string Emoji() => Pick("", "", "😂", "👍", "🙏", "哈哈", "……", "！", "~", "😭");
}
