using static Moderation.Learning.Corpus.CorpusCategories;
using static Moderation.Learning.Corpus.CorpusSplits;
using static Moderation.Learning.Corpus.Generation.TemplateFamily;

namespace Moderation.Learning.Corpus.Generation;

/// <summary>Clean text that shares words or shapes with leaks: the false positives that matter.</summary>
internal static class NearMissFamilies
{
    public static IEnumerable<TemplateFamily> All() =>
    [
        Clean("trade-secret-recipe", TradeSecret, Train, 70, s =>
            new(s.Optional("祖传配方", "美食"), $"{s.Pick("我家祖传的秘密配方", "这家店的秘密配方", "奶奶的秘密配方", "老板说秘密配方")}：{s.Dish()}{s.Pick("里加一点山楂", "要先焯水再炒糖色", "用的是自己熬的高汤", "腌一晚上")}{s.Emoji()}")),
        Clean("trade-secret-company", TradeSecret, Train, 70, s =>
            new(null, $"{s.Pick("新品还是商业机密", "这是我们公司的机密", "客户名单属于商业秘密", "价格是机密")}，{s.Pick("发布会前不能说", "不方便透露", "签了保密协议", "老板会骂的")}{s.Emoji()}")),
        Clean("trade-secret-lawsuit-news", TradeSecret, Test, 60, s =>
            new(s.Optional("新闻", "法治"), $"{s.City()}一{s.Pick("科技公司", "化工企业", "芯片厂")}员工{s.Pick("窃取商业秘密", "泄露公司机密")}被判{s.Int(1, 5)}年，法院认定其将{s.Pick("源代码", "配方", "客户数据")}带到竞争对手处。")),
        Clean("trade-secret-personal", TradeSecret, Test, 60, s =>
            new(null, $"{s.Pick("告诉你一个秘密", "这是我们俩的秘密", "偷偷跟你说个机密", "保守秘密啊")}：{s.Pick("我下个月结婚", "我要辞职了", "她喜欢你", "我考上了")}{s.Emoji()}")),

        Clean("game-secret-quest", GameAndFiction, Train, 70, s =>
            new(s.Optional($"{s.Game()}攻略", "求助"), $"{s.Game()}里的{s.Pick("机密任务", "绝密档案任务", "秘密关卡", "最高机密成就")}{s.Pick("怎么过", "卡住了", "奖励是什么", "在第三章")}？{s.Pick("找了半天钥匙", "boss太难了", "求攻略", "")}")),
        Clean("fiction-novel-plot", GameAndFiction, Train, 60, s =>
            new(null, $"{s.Pick("这本谍战小说", "这部剧", "这个网文")}里主角{s.Pick("拿到了绝密文件", "潜入敌方偷机密情报", "发现了一份秘密名单")}，{s.Pick("剧情太老套了", "结局反转很精彩", "追到凌晨两点", "演员演技不错")}{s.Emoji()}")),
        Clean("fiction-film-review", GameAndFiction, Test, 60, s =>
            new(s.Optional("影评"), $"电影《{s.Pick("绝密行动", "最高机密", "秘密特工", "机密档案")}》{s.Pick("特效不错但剧情一般", "评分虚高", "值得二刷", "节奏太慢")}，{s.Pick("推荐", "不推荐", "看个乐呵")}{s.Emoji()}")),
        Clean("fiction-script-game", GameAndFiction, Test, 50, s =>
            new(null, $"剧本杀《{s.Pick("机密", "绝密档案", "秘密花园")}》复盘：{s.Pick("凶手是管家", "线索藏在密信里", "我拿的是卧底本", "DM演得很好")}{s.Emoji()}")),

        Clean("rating-restaurant", StarRating, Train, 70, s =>
            new(null, $"{s.Stars()} {s.Dish()}{s.Pick("味道不错", "一般般", "太咸了", "分量足")}，服务{s.Pick("很好", "一般", "有点慢")}{s.Emoji()}")),
        Clean("rating-product", StarRating, Train, 60, s =>
            new(s.Optional("评价"), $"评分：{s.Stars()}\n{s.Product()}{s.Pick("用了一个月", "做工扎实", "续航一般", "性价比高")}，{s.Pick("五星好评", "四星", "推荐购买", "不推荐")}")),
        Clean("rating-hotel", StarRating, Test, 60, s =>
            new(null, $"{s.City()}这家{s.Pick("★★★★", "★★★★★", "★★★")}酒店{s.Pick("早餐丰富", "隔音太差", "位置方便", "性价比一般")}，{s.Pick("★10年老店了", "下次还住", "前台态度好", "不会再来")}")),

        Clean("notice-state-council", PublicNotice, Train, 70, s =>
            new($"关于印发{s.PolicyName()}的通知", $"{s.PublicDocNumber()}\n各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n{s.PolicyName()}已经国务院同意，现印发给你们，{s.Official()}\n（此件公开发布）")),
        Clean("notice-provincial-policy", PublicNotice, Train, 60, s =>
            new(null, $"{s.Pick("省人民政府办公厅", "市人民政府", "省教育厅", "市卫健委")}关于{s.Pick("做好春节期间安全生产工作", "推进老旧小区改造", "开展全民健身活动", "加强食品安全监管")}的通知\n{s.PublicDocNumber()}\n{s.Officials(1, 3)}")),
        Clean("notice-appointment-publicity", PublicNotice, Train, 60, s =>
            new("干部任前公示", $"{s.Name()}，{s.Pick("男", "女")}，{s.Int(1970, 1990)}年{s.Int(1, 12)}月生，{s.Pick("大学学历", "研究生学历", "中共党员")}，现任{s.Pick("市交通局", "区教育局", "县财政局", "市文旅局")}{s.Pick("副局长", "科长", "办公室主任")}，拟任{s.Pick("局长", "副局长", "党组成员")}。公示期{s.Int(5, 7)}个工作日，联系人：{s.Name()}。")),
        Clean("notice-meeting", PublicNotice, Train, 60, s =>
            new($"关于召开{s.Int(2020, 2026)}年度工作会议的通知", $"各单位：\n{s.Official()}定于{s.Date()}在{s.City()}召开年度工作会议，请{s.Pick("主要负责同志", "分管领导", "各部门负责人")}参加。{s.Officials(1, 2)}联系人：{s.Name()}，电话{s.Digits(8)}。")),
        Clean("notice-policy-qa", PublicNotice, Train, 60, s =>
            new(s.Optional("政策问答", "办事指南"), $"问：{s.Pick("退休人员医保报销比例是多少", "灵活就业人员怎么交社保", "二手房交易要交哪些税", "新生儿落户需要什么材料")}？\n答：根据{s.PolicyName()}（{s.PublicDocNumber()}）规定，{s.Pick("按所在地标准执行", "可在政务服务网在线办理", "由户籍所在地受理", "具体咨询当地窗口")}。{s.Pick("", "咨询电话12345。", "以上内容已公开发布。")}")),
        Clean("notice-court-case", PublicNotice, Test, 50, s =>
            new("公告", $"{s.City()}市中级人民法院公告（{s.Int(2018, 2026)}）{s.Pick("京", "沪", "粤", "川")}{s.Int(1, 9):D2}民初{s.Int(100, 9999)}号：本院受理原告{s.Name()}诉被告{s.Name()}{s.Pick("合同纠纷", "借贷纠纷", "劳动争议")}一案，现依法向你公告送达起诉状副本。")),
        Clean("notice-repost-policy", PublicNotice, Test, 60, s =>
            new(s.Optional("政策解读", "转发"), $"{s.Pick("转发学习", "政策解读", "刚看到新闻")}：根据{s.PublicDocNumber()}文件，{s.Pick("明年起个税专项附加扣除标准提高", "公积金贷款额度上调", "义务教育阶段免除课后服务费", "新能源车购置税继续减免")}，{s.Pick("大家可以关注一下", "利好", "具体以官方为准")}。")),

        Clean("law-text-quote", SecrecyLaw, Train, 60, s =>
            new(s.Optional("学习保密法"), $"《{s.Pick("保守国家秘密法", "保守国家秘密法实施条例")}》第{s.Int(10, 40)}条规定，{s.Pick("国家秘密的密级分为绝密、机密、秘密三级", "机关、单位应当对所产生的国家秘密事项确定密级", "国家秘密的保密期限，除另有规定外，绝密级不超过三十年", "任何组织和个人不得非法获取、持有国家秘密载体")}。")),
        Clean("law-training-notes", SecrecyLaw, Train, 60, s =>
            new(null, $"{s.Pick("今天", "上周", "昨天下午")}单位组织保密{s.Pick("教育培训", "知识竞赛", "警示教育", "自查", "宣传月活动")}，{s.Pick("讲了涉密人员管理", "强调手机不能存工作文件", "学习了新修订的保密法", "看了泄密案例视频")}，{s.Pick("收获很大", "大家都挺认真", "考试全过了")}。")),
        Clean("law-leak-case-news", SecrecyLaw, Test, 60, s =>
            new(s.Optional("警示", "新闻"), $"{s.Pick("国家安全机关通报", "新闻", "警示案例")}：{s.Pick("某工程师", "某大学生", "一名前公务员")}{s.Pick("向境外间谍组织出售机密文件", "违规在网上传播涉密资料", "泄露国家秘密")}被{s.Pick("判处有期徒刑十年", "依法逮捕", "追究刑事责任")}，{s.Pick("大家引以为戒", "保密无小事", "千万别贪小便宜")}。")),
        Clean("law-qa", SecrecyLaw, Test, 50, s =>
            new("请教", $"{s.Pick("请问", "想问一下", "有懂的吗")}，{s.Pick("涉密人员离职后脱密期一般多久", "公司电脑能不能处理涉密信息", "国家秘密和商业秘密有什么区别", "保密期限到了会自动解密吗", "考公政审会查保密记录吗", "涉密岗位能不能出国旅游", "定密责任人是谁来当", "保密协议违约金有上限吗")}？{s.Pick("", "谢谢", "在线等", "单位没人说得清")}")),

        Clean("code-java-inner-class", Programming, Train, 60, s =>
            new(s.Optional("Java 问题"), $"Java 的{s.Pick("内部类", "静态内部类", "匿名内部类")}{s.Pick("可以访问外部类的私有成员吗", "会导致内存泄漏吗", "和 Kotlin 的 inner class 有什么区别")}？{s.Pick("面试被问到了", "看源码看晕了", "")}")),
        Clean("code-http-errors", Programming, Train, 60, s =>
            new(s.Optional("求助"), $"{s.Pick("页面一直报", "接口返回", "部署后出现")} {s.Pick("500 internal server error", "502 bad gateway", "403 forbidden", "internal error")}，{s.Pick("日志里什么都没有", "重启也没用", "本地是好的")}")),
        Clean("code-secret-management", Programming, Train, 60, s =>
            new(null, $"{s.Pick("API secret key 不要提交到 git", "Kubernetes 的 secret 怎么挂载成文件", "client_secret 泄露了怎么办", "密钥轮换多久一次合适", "GitHub Actions 的 secrets 在 fork 里读不到", ".env 文件里的密码怎么管理", "JWT 的 secret 该多长")}，{s.Pick("求最佳实践", "我们用 vault 管理", "刚被扫描工具报了", "文档没写清楚", "有人踩过坑吗")}")),
        Clean("code-confidential-computing", Programming, Test, 50, s =>
            new(null, $"{s.Pick("机密计算", "confidential computing", "可信执行环境", "机密容器")}{s.Pick("用 SGX 还是 SEV", "性能损耗有多大", "适合做隐私计算吗", "云厂商支持得怎么样", "远程证明怎么做")}？{s.Pick("公司在做选型", "", "有大佬讲讲吗", "文档太少了")}")),
        Clean("code-internal-api", Programming, Test, 50, s =>
            new(null, $"{s.Pick("内部接口文档", "internal 修饰符", "内部 API", "内部类", "内部网关")}{s.Pick("怎么维护比较好", "和 public 有什么区别", "要不要加鉴权", "怎么做版本管理", "能不能单元测试")}？{s.Pick("团队里吵起来了", "", "新人求教", "C# 里是程序集可见")}")),

        Clean("study-exam-materials", StudyMaterial, Train, 60, s =>
            new(s.Optional("资料分享", "出资料"), $"{s.Pick("考研政治", "公务员考试", "教师资格证", "四六级")}{s.Pick("内部资料", "押题资料", "内部讲义")}，{s.Pick("押题很准", "需要的私信", "免费分享", "去年上岸用的")}{s.Emoji()}")),
        Clean("study-company-training", StudyMaterial, Train, 50, s =>
            new(null, $"公司{s.Pick("内部培训资料", "新员工手册", "内部分享会", "内部培训课件")}整理好了，{s.Pick("主要讲销售技巧", "都是Excel技巧", "讲的是客户沟通", "讲项目管理", "讲安全生产")}，{s.Pick("有需要的同事找我拿", "放共享盘了", "", "下周再补充")}")),
        Clean("study-school-handout", StudyMaterial, Test, 50, s =>
            new(null, $"{s.Pick("学校发的", "老师给的", "年级统一印的")}{s.Pick("内部资料", "复习提纲", "内部讲义", "校本练习")}，{s.Pick("仅供本班学习", "请勿外传", "老师说别发网上", "只印了一百份")}，{s.Pick("整理了重点给大家", "期末必考", "附答案", $"第{s.Int(1, 12)}章最重要")}")),
        Clean("study-staff-discount", StudyMaterial, Test, 50, s =>
            new(null, $"{s.Pick("内部员工价", "内部价", "内部渠道")}出{s.Product()}，{s.Pick("全新未拆", "比官网便宜三百", "可验货")}{s.Emoji()}")),

        Clean("military-parade", MilitaryNews, Train, 60, s =>
            new(s.Optional("阅兵", "军事新闻"), $"{s.Pick("阅兵式上", "航展上", "新闻联播里")}{s.Pick("东风-41", "歼-20", "运-20", "99A坦克", "福建舰")}{s.Pick("亮相了", "飞过天安门", "太震撼了")}，{s.Pick("网友沸腾", "太自豪了", "国之重器")}{s.Emoji()}")),
        Clean("military-hobby", MilitaryNews, Train, 60, s =>
            new(s.Optional("军迷讨论"), $"军迷讨论：{s.Pick("歼-20和F-35谁更强", "052D和阿利伯克比怎么样", "东风快递能送多远", "航母什么时候下水")}，{s.Pick("公开资料来看", "个人觉得", "求科普")}{s.Pick("各有千秋", "差距在缩小", "")}")),
        Clean("military-travel-places", MilitaryNews, Train, 60, s =>
            new(s.Optional("游记", "旅行"), $"{s.Pick("去", "刚从", "自驾到了", "带爸妈去了")}{s.Place()}{s.Pick("旅游", "玩了一周", "看日出")}，{s.Pick("风景太美了", "海鲜便宜", "高反有点严重", "路上看到一队军车，挺帅的")}，{s.Date()}{s.Pick("出发的", "回来的")}。")),
        Clean("military-public-report", MilitaryNews, Train, 60, s =>
            new(s.Optional("军事报道", "新闻"), $"{s.Pick("新华社", "解放军报", "央视新闻")}{s.Date()}报道：{s.Unit()}{s.Pick("开展冬季野外驻训", "组织实弹射击训练", "完成跨区机动演练", "举行新兵授衔仪式")}，{s.Equipment()}{s.Pick("参加了演练", "首次公开亮相", "完成实弹射击")}。")),
        Clean("military-army-day", MilitaryNews, Test, 50, s =>
            new(null, $"{s.Pick("八一建军节", "今天是建军节", "退伍十年了")}，{s.Pick("向子弟兵致敬", "想念当兵的日子", "祝战友们节日快乐")}{s.Emoji()}")),
        Clean("military-official-news", MilitaryNews, Test, 50, s =>
            new(s.Optional("新闻"), $"{s.Pick("东部战区", "南部战区", "国防部")}{s.Pick("新闻发言人表示", "发布消息")}，{s.Pick("近日组织海空联合演练", "将在相关海域进行实弹射击", "某部开展开放日活动，市民参观坦克")}，{s.Pick("请过往船只注意避让", "欢迎市民参加", "系年度例行安排")}。")),

        Clean("english-secret-recipe", EnglishNearMiss, Train, 50, s =>
            new(null, $"{s.Pick("The secret to a crispy crust is", "My grandma's secret ingredient is", "Top secret tip:", "The secret sauce here is", "Chef's secret:")} {s.Pick("cold butter", "a pinch of sugar", "resting the dough overnight", "smoked paprika", "brown butter", "fish sauce")}{s.Pick(".", "!", " :)", ", trust me.")}")),
        Clean("english-classified-ads", EnglishNearMiss, Train, 50, s =>
            new(s.Optional("classifieds"), $"{s.Pick("Classified ads", "Classifieds", "Posted in the classified section")}: {s.Pick("used bike for sale", "room for rent near campus", "free couch, you pick up", "looking for a tutor", "lost cat, reward", "guitar lessons")}, {s.Pick("DM me", "call after 6pm", "cash only", "first come first served")}.")),
        Clean("english-news-analysis", EnglishNearMiss, Train, 50, s =>
            new(null, $"{s.Pick("Reuters", "AP", "A think tank report")}: {s.Pick("satellite images show new construction at", "analysts say exercises near", "officials confirmed a missile test near")} {s.Pick("Hainan", "the Taiwan Strait", "the Spratly Islands", "Fujian")} on {s.Date2()}. {s.Pick("The Pentagon declined to comment.", "Beijing called it routine training.", "Experts disagree on the purpose.")}")),
        Clean("english-declassified-history", EnglishNearMiss, Test, 50, s =>
            new(null, $"{s.Pick("Declassified files released in 1998 show", "A newly declassified report from the 1960s reveals", "The National Archives declassified documents showing", "Historians reading declassified cables found")} {s.Pick("how the moon mission was planned", "the details of a Cold War spy swap", "early satellite photos of the region", "the Cuban missile crisis timeline", "a failed 1950s balloon program")}. {s.Pick("Fascinating read.", "Link in comments.", "History is wild.", "")}")),
        Clean("english-confidential-chat", EnglishNearMiss, Test, 50, s =>
            new(null, $"{s.Pick("Keep this confidential but", "Top secret:", "Don't tell anyone, but", "Secret Santa reveal:")} {s.Pick("I'm planning a surprise party", "she said yes", "I got the job", "the gift is a puzzle")}{s.Pick("!", " :)", ".")}")),
    ];
}
