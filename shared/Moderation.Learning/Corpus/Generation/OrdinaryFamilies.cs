using static Moderation.Learning.Corpus.CorpusCategories;
using static Moderation.Learning.Corpus.CorpusSplits;
using static Moderation.Learning.Corpus.Generation.TemplateFamily;

namespace Moderation.Learning.Corpus.Generation;

/// <summary>Ordinary forum and chat talk: label clean.</summary>
internal static class OrdinaryFamilies
{
    public static IEnumerable<TemplateFamily> All() =>
    [
        Clean("forum-food", ForumTalk, Train, 90, s =>
            new(s.Pick($"{s.City()}美食推荐", "今天做饭了", "求推荐", "探店"),
                $"{s.Pick("周末在家做了", "今天去吃了", "朋友推荐的", "第一次尝试做")}{s.Dish()}，{s.Pick("火候有点大了", "味道真不错", "汤很浓", "排了一个小时队", "比外卖好吃多了")}。{s.Pick($"{s.City()}还有哪家{s.Dish()}好吃？", "下次还来。", "配方是跟我妈学的。", "人均八十左右。")}{s.Emoji()}")),
        Clean("forum-tech-help", ForumTalk, Train, 90, s =>
            new(s.Pick("求助", $"{s.Product()}问题", "请教一下"),
                $"新买的{s.Product()}{s.Pick("发热很严重", "老是断连", "开机很慢", "系统升级后耗电变快了", "风扇声音很大")}，{s.Pick("正常吗？", "有人遇到过吗？", "换了设置也没用。", "客服说要寄回去检测。")}{s.Pick("型号是去年的款。", "用了不到一个月。", "", "谢谢各位。")}")),
        Clean("forum-travel", ForumTalk, Train, 80, s =>
            new(s.Pick("游记", $"{s.City()}攻略", "出行求助"),
                $"{s.Pick("国庆去了趟", "五一准备去", "刚从", "下个月想去")}{s.City()}{s.Pick("，天真蓝", "玩了三天", "，求推荐路线", "，住哪里方便")}。{s.Pick("高铁很方便。", "景区人山人海。", "当地的小吃很有特色。", "预算大概三千。")}{s.Emoji()}")),
        Clean("forum-games", ForumTalk, Train, 80, s =>
            new(s.Pick($"{s.Game()}讨论", "开黑", "吐槽"),
                $"{s.Game()}{s.Pick("这赛季排位太难打了", "新版本平衡性太差", "画面真好", "新角色强度超标", "又更新了")}，{s.Pick("有没有一起开黑的", "求带", "大家怎么看", "已经玩了两百小时")}{s.Emoji()}")),
        Clean("forum-people-and-places", ForumTalk, Train, 70, s =>
            new(s.Optional("闲聊", "分享"), $"{s.Pick("昨天和", "上周跟", "今天碰到")}{s.Name()}{s.Pick("去了", "聊起", "一起逛了")}{s.Pick(s.City(), s.Place())}，{s.Pick("他说那边变化很大", "吃了当地的特色菜", "照片发群里了", "下次一起去")}{s.Emoji()}")),
        Clean("forum-parenting-study", ForumTalk, Test, 70, s =>
            new(s.Pick("家长求助", "考研经验", "学习方法"),
                $"{s.Pick("孩子上初二", "准备考研", "今年高三", "女儿刚上小学")}，{s.Pick("数学成绩一直上不去", "英语听力很差", "每天作业写到十一点", "不知道怎么安排复习")}，{s.Pick("有什么好方法吗？", "报班有用吗？", "大家是怎么坚持的？")}")),
        Clean("forum-daily-life", ForumTalk, Test, 70, s =>
            new(null, $"{s.Pick("楼下新开了一家健身房", "小区停车位越来越难找了", "今天加班到十点", "搬家终于搬完了", "物业又涨价了")}，{s.Pick("累死了", "有人办卡了吗", "大家怎么看", "真是太难了", "周末好好休息一下")}{s.Emoji()}")),

        Clean("chat-plans", ChatTalk, Train, 80, s =>
            new(null, $"{s.Pick("晚上吃啥", "明天几点集合", "周末去爬山吗", "电影几点开始", "我到楼下了")}{s.Pick("？", "", "~", "！")}{s.Emoji()}")),
        Clean("chat-work", ChatTalk, Train, 90, s =>
            new(null, $"{s.Pick("会议改到下午三点了", "文件我发你邮箱了", "这个方案老板说要再改改", "新版本今晚部署到生产环境", "周报记得交", "合同扫描件发我一下", "报销单签好字了")}，{s.Pick("收到回复一下", "辛苦", "谢谢", "有问题随时说")}{s.Emoji()}")),
        Clean("chat-family", ChatTalk, Test, 60, s =>
            new(null, $"{s.Pick("妈，我周末回家", "爸的药买好了", "记得带伞", "孩子今天发烧了", "奶奶生日订在哪")}{s.Pick("", "，别担心", "，晚上打电话", "？")}{s.Emoji()}")),
        Clean("chat-banter", ChatTalk, Test, 60, s =>
            new(null, $"{s.Pick("哈哈哈笑死", "你这也太离谱了", "绝了", "我不信", "真的假的")}{s.Emoji()}{s.Pick("", "，截图看看", "，下次带我", "，服了")}")),

        Clean("english-tech-help", EnglishTalk, Train, 70, s =>
            new(s.Pick("help", "question", "weird issue"),
                $"My {s.Pick("laptop", "router", "phone", "monitor")} {s.Pick("keeps disconnecting", "overheats", "won't boot after the update", "has a dead pixel")}. {s.Pick("Any ideas?", "Tried everything already.", "Is this normal?", "Warranty expired last month.")}")),
        Clean("english-sports", EnglishTalk, Train, 60, s =>
            new(null, $"{s.Pick("What a game last night", "Can't believe they traded him", "Our defense was terrible", "Season tickets just went up again", "That penalty call was a joke", "Rookie of the year for sure")}. {s.Pick("Playoffs here we come!", "Coach has to go.", "Anyone watching tonight?", "Still the best team in the league.", "Final score was ridiculous.")} {s.Pick("", "Go team!", $"Next game is on the {s.Int(2, 28)}th.", "See you at the bar.")}")),
        Clean("english-cooking", EnglishTalk, Test, 60, s =>
            new(null, $"{s.Pick("Made sourdough for the first time", "Tried a new curry recipe", "Burnt the pancakes again", "Grilled salmon tonight")}, {s.Pick("turned out great", "family loved it", "needs more salt", "will try again tomorrow")}. {s.Pick("Recipe in comments.", "", "Any tips?")}")),
        Clean("english-work-chat", EnglishTalk, Test, 60, s =>
            new(null, $"{s.Pick("Meeting moved to 3pm", "I sent you the deck", "Deploying the new build tonight", "Can you review my PR", "Report is due Friday", "Client call got pushed to Monday", "Budget sheet is on the shared drive", "Standup is cancelled today")}{s.Pick(", thanks!", ".", ", let me know", " :)", ", any questions ping me")}")),
    ];
}
