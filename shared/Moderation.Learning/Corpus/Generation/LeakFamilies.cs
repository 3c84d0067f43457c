using static Moderation.Learning.Corpus.CorpusCategories;
using static Moderation.Learning.Corpus.CorpusSplits;
using static Moderation.Learning.Corpus.Generation.TemplateFamily;

namespace Moderation.Learning.Corpus.Generation;

/// <summary>Leaked classified material: label secret. Families marked Test are never trained on.</summary>
internal static class LeakFamilies
{
    public static IEnumerable<TemplateFamily> All() =>
    [
        // Secrecy markings on documents.
        Leak("marking-document-head", SecrecyMarking, Train, 90, s =>
            new(s.SecretSubject(), $"{s.Marking()}\n{s.Organ()}文件\n{s.DocNumber()}\n{s.SecretSubject()}\n{s.Officials(1, 2)}{s.SecretFact()}{s.SecretFact()}")),
        Leak("marking-level-field", SecrecyMarking, Train, 80, s =>
        {
            string level = s.Level();
            return new(null, $"密级：{level}  保密期限：{s.Period(level)}\n{s.SecretSubject()}\n{s.SecretFact()}{s.Official()}");
        }),
        Leak("marking-bracketed-excerpt", SecrecyMarking, Train, 70, s =>
            new(s.Optional("资料分享", "文件节选", "看看这个"), $"【{s.Level()}】{s.SecretSubject()}（节选）\n{s.SecretFact()}{s.SecretFact()}")),
        Leak("marking-footer", SecrecyMarking, Train, 70, s =>
        {
            string level = s.Level();
            return new(null, $"{s.SecretSubject()}\n{s.SecretFact()}{s.Officials(1, 2)}\n（本件{level}★{s.Period(level)}，{s.HandlingPhrase()}）");
        }),
        Leak("marking-forum-repost", SecrecyMarking, Test, 80, s =>
            new(s.Pick("转一份文件", "刚流出来的", "大家看看这个", "内部消息"),
                $"{s.Pick("转一份", "朋友发我的", "网上流出来的")}{s.Organ()}的文件，{s.Marking()}，{s.Pick("大家看看", "自己判断", "懂的都懂")}：{s.SecretFact()}{s.SecretFact()}")),
        Leak("marking-ocr-scan", SecrecyMarking, Test, 70, s =>
            new(null, $"第{s.Int(1, 5)}页 共{s.Int(5, 12)}页\n{s.Marking()}\n{s.SecretSubject()}\n{s.SecretFact()} {s.Official()} -{s.Int(1, 9)}-")),

        // Classified document headers.
        Leak("header-full", ClassifiedHeader, Train, 80, s =>
        {
            string level = s.Level();
            return new(null, $"{s.CopyNumber()}\n密级：{level}★{s.Period(level)}\n{s.Organ()}\n{s.DocNumber()}\n签发人：{s.Name()}\n{s.SecretSubject()}\n{s.Official()}");
        }),
        Leak("header-telegram", ClassifiedHeader, Train, 70, s =>
            new(null, $"{s.Organ()}电报\n等级：{s.Pick("特急", "加急", "平急")}  {s.Marking()}\n{s.DocNumber()}\n{s.SecretSubject()}\n{s.SecretFact()}")),
        Leak("header-receipt-log", ClassifiedHeader, Train, 60, s =>
            new("收文登记", $"收文编号：{s.Digits(4)}\n来文机关：{s.Organ()}\n文号：{s.DocNumber()}\n密级：{s.Level()}\n份数：{s.Int(1, 3)}\n标题：{s.SecretSubject()}")),
        Leak("header-minutes", ClassifiedHeader, Test, 70, s =>
            new(null, $"{s.Organ()}会议纪要\n（第{s.Int(1, 40)}期）\n{s.Marking()}\n{s.Date()}，{s.Name()}主持召开专题会议，研究{s.SecretSubject()[2..]}。{s.SecretFact()}")),
        Leak("header-table", ClassifiedHeader, Test, 60, s =>
            new("文件清单", $"序号 | 文号 | 密级 | 份数\n1 | {s.DocNumber()} | {s.Marking()} | {s.Int(1, 5)}\n2 | {s.DocNumber()} | {s.Marking()} | {s.Int(1, 5)}\n备注：{s.SecretSubject()}")),

        // Internal-circulation documents.
        Leak("internal-briefing", InternalCirculation, Train, 80, s =>
            new(null, $"{s.InternalPhrase()} {s.HandlingPhrase()}\n{s.Organ()}工作简报\n第{s.Int(1, 60)}期\n{s.SecretFact()}{s.SecretFact()}")),
        Leak("internal-notice", InternalCirculation, Train, 70, s =>
            new(null, $"{s.Organ()}内部通知（{s.HandlingPhrase()}）\n{s.DocNumber()}\n{s.SecretSubject()}\n{s.SecretFact()}{s.Official()}")),
        Leak("internal-reference", InternalCirculation, Train, 60, s =>
            new(s.Optional("内参", "参考"), $"内部参考（第{s.Int(1, 99)}期）{s.HandlingPhrase()}\n{s.SecretFact()}{s.SecretFact()}{s.Official()}")),
        Leak("internal-cadre-list", InternalCirculation, Test, 60, s =>
            new(null, $"干部考察对象名单（{s.InternalPhrase()}，{s.HandlingPhrase()}）\n{s.Name()}、{s.Name()}、{s.Name()}\n{s.SecretFact()}")),
        Leak("internal-photo-caption", InternalCirculation, Test, 60, s =>
            new(s.Pick("拍到的", "图", "分享"), $"拍了一张{s.Organ()}的{s.InternalPhrase()}，上面写着{s.HandlingPhrase()}，内容是{s.SecretFact()}")),

        // Military deployments.
        Leak("military-deployment-table", MilitaryDeployment, Train, 80, s =>
            new(null, $"{s.Unit()}兵力部署\n{s.Place()}：{s.Int(200, 3000)}人，{s.Equipment()}×{s.Int(2, 24)}\n{s.Place()}：{s.Int(200, 3000)}人，{s.Equipment()}×{s.Int(2, 24)}\n{s.SecretFact()}")),
        Leak("military-coordinates", MilitaryDeployment, Train, 70, s =>
            new(null, $"{s.Unit()}{s.Pick("导弹阵地", "雷达阵地", "发射阵地", "部队驻地")}坐标：{s.Coordinates()}，{s.Equipment()}{s.Int(2, 12)}套。")),
        Leak("military-operation-plan", MilitaryDeployment, Train, 70, s =>
            new("作战方案", $"“{s.Codename()}”{s.Pick("作战方案", "作战计划", "行动方案")}\n一、{s.SecretFact()}\n二、{s.SecretFact()}\n三、战备等级提升为{s.Pick("一级", "二级", "三级")}。")),
        Leak("military-soldier-chat", MilitaryDeployment, Test, 70, s =>
            new(null, $"{s.Pick("兄弟们", "跟你们说", "偷偷说一句")}，我们{s.Unit()}{s.Pick("下周", "明天凌晨", "月底")}调往{s.Place()}，{s.Equipment()}都拉过去了，{s.Pick("阵地", "营区", "驻地")}在{s.Coordinates()}。")),
        Leak("military-site-list", MilitaryDeployment, Test, 60, s =>
            new(s.Optional("清单", "位置"), $"{s.Pick("雷达站", "导弹阵地", "机场掩体")}位置清单：\n1. {s.Place()} {s.Coordinates()}\n2. {s.Place()} {s.Coordinates()}\n3. {s.Place()} {s.Coordinates()}")),

        // English classification banners.
        Leak("english-cable", EnglishBanner, Train, 80, s =>
        {
            string banner = s.Banner();
            return new(null, $"{banner}\nSUBJECT: {s.EnglishSubject()}\n{s.AuthorityBlock()}\n1. {s.EnglishFact()}\n2. {s.EnglishFact()}\n{banner}");
        }),
        Leak("english-memo", EnglishBanner, Train, 70, s =>
            new(null, $"{s.Banner()}\nMEMORANDUM FOR THE RECORD\nSUBJECT: {s.EnglishSubject()}\n{s.EnglishFact()} {s.EnglishFact()}")),
        Leak("english-slide", EnglishBanner, Test, 60, s =>
            new(null, $"{s.Banner()}\nSlide {s.Int(2, 30)} of {s.Int(30, 60)}: {s.EnglishSubject()}\n- {s.EnglishFact()}\n- {s.EnglishFact()}")),
        Leak("english-forum-leak", EnglishBanner, Test, 60, s =>
            new(s.Pick("interesting doc", "look at this", "leaked?"),
                $"{s.Pick("got this from a friend at the base", "found this on a shared drive", "someone posted this in our discord")}, header says {s.Banner()}. {s.EnglishFact()}")),

        // Chat-length leaks.
        Leak("chat-document-offer", ChatLeak, Train, 70, s =>
            new(null, $"{s.Pick("有人要", "出", "谁要")}{s.Organ()}的{s.Level()}文件吗，{s.Marking()}的，{s.Pick("私聊", "加我", "价格好说")}")),
        Leak("chat-screenshot", ChatLeak, Train, 70, s =>
            new(null, $"{s.Pick("截图了", "拍下来了", "发群里了")}，{s.Marking()}那份，{s.HandlingPhrase()}{s.Emoji()}")),
        Leak("chat-english-leak", ChatLeak, Train, 50, s =>
            new(null, $"{s.Pick("lol", "wow", "ok so")} just saw a {s.Banner()} memo about {s.EnglishSubject().ToLowerInvariant()}")),
        Leak("chat-quoted-line", ChatLeak, Test, 60, s =>
            new(null, $"文件原话：“{s.SecretFact()}”（{s.Marking()}）{s.Emoji()}")),
        Leak("chat-unit-move", ChatLeak, Test, 60, s =>
            new(null, $"{s.Unit()}明天{s.Pick("凌晨", "晚上", "一早")}去{s.Place()}，{s.Pick("作战部署", "兵力调动", "战备值班")}，{s.HandlingPhrase()}")),
    ];
}
