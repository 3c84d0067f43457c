using BenchmarkDotNet.Attributes;
using Moderation.Detection;
using Moderation.Detection.Classification;
using Moderation.Learning;
using Moderation.Learning.Training;

namespace Moderation.Benchmarks;

/// <summary>
/// The default model's inference cost per post: normalise, n-gram keys, vocabulary look-ups, linear
/// score, calibration. One post at a time (what a scanner does per message), a batch of 100, and the
/// whole scan (rules and model over one normalisation) against the rules alone. The model is trained
/// from the shipped corpus on first run and cached in the temp directory.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class ModelBenchmarks
{
    private const int BatchSize = 100;

    // About 500 characters of ordinary forum text, and a leak of the same length.
    private const string CleanPost =
        "周末带孩子去了趟科技馆，人比想象中多，排队排了快一个小时。里面的机器人展区挺有意思，孩子玩了很久不肯走。" +
        "中午在附近吃了碗牛肉面，汤很浓，面也劲道，价格二十八块，性价比还可以。下午去公园划船，天气特别好，" +
        "湖边的柳树都发芽了，拍了好多照片。回家路上堵车堵了四十分钟，导航一直提示前方事故，" +
        "最后绕小路才回来。晚上做了红烧肉和清炒时蔬，孩子吃了两碗饭。明天还要上班，周报还没写完，" +
        "想想就头疼。有没有人知道科技馆的年卡怎么办？官网上写得不太清楚，电话也一直打不通。" +
        "另外想问一下，附近有没有适合周末带孩子去的地方，最好是室内的，下雨天也能去。" +
        "之前去过海洋馆，孩子很喜欢，但是门票有点贵。听说新开了一家自然博物馆，有去过的朋友说说怎么样吗？" +
        "停车方便吗？需要提前预约吗？谢谢大家！顺便推荐一下我们小区门口新开的面包店，" +
        "全麦面包做得很好，每天下午四点出炉，去晚了就没了。老板人也很好，经常送小饼干给小朋友。" +
        "对了，上次说的那家火锅店我们也去了，锅底挺香，就是周末要等位，建议工作日中午去。下个月打算带爸妈去云南玩一周，" +
        "有去过大理和丽江的朋友吗？住古城里面方便还是外面方便？求推荐靠谱的民宿。";

    private const string LeakPost =
        "机密★10年\n某省委办公厅文件\n省委办发〔2024〕37号\n关于边境地区兵力调整的通知\n" +
        "各单位要高度重视，认真组织落实。第75集团军于3月12日前完成集结，进驻福建沿海一线。" +
        "东风-26导弹发射车共12套，部署于舟山群岛附近，坐标另行下发。参演人员名单及联络方式见附件，严格控制知悉范围。" +
        "本次行动代号“雷霆”，对外统一口径为例行训练。请各部门于本月底前将落实情况报送办公室。" +
        "侦察发现对方在云南瑞丽方向增加了12个营的兵力。目标区域内共有6处关键设施，防护等级为一级。" +
        "要加强组织领导，明确责任分工。执行中遇到的问题，请及时反馈。各地要统筹安排，确保工作按期完成。" +
        "内部资料 不得外传 阅后收回。要压实责任，强化督导检查。各级要把此项工作列入重要议事日程。" +
        "试验窗口定于5月3日至21日，靶场位于甘肃酒泉。该项目核心指标已达到射程8000公里，尚未对外公布。" +
        "重点人员共27名，具体名单见附件二。拟提拔人选为王建国、李明，考察结果暂不公开。特此通知。" +
        "附件一：兵力部署表。附件二：重点人员名单。附件三：联络方式。以上附件另行下发，严禁复制，用后收回。" +
        "抄送：战区联合作战指挥中心，某集团军政治工作部。共印20份。";

    private TextClassifier _classifier = null!;
    private DetectionEngine _engine = null!;
    private (string? Title, string Body)[] _batch = null!;

    [GlobalSetup]
    public void Setup()
    {
        using ModerationModel model = ModelCatalog.GetOrTrainDefault(Path.Combine(Path.GetTempPath(), "moderation-benchmark-models"));
        _classifier = model.Classifier;
        _engine = DetectionEngine.CreateDefault();
        _batch = [.. Enumerable.Range(0, BatchSize).Select(i => (i % 2 == 0 ? "周末" : (string?)null, i % 2 == 0 ? CleanPost : LeakPost))];
    }

    [Benchmark(Baseline = true)]
    public double CleanPost500() => _classifier.Predict("周末", CleanPost);

    [Benchmark]
    public double LeakPost500() => _classifier.Predict(null, LeakPost);

    /// <summary>Per post: BenchmarkDotNet divides the batch's time by its size.</summary>
    [Benchmark(OperationsPerInvoke = BatchSize)]
    public double[] Batch100PerPost() => _classifier.PredictBatch(_batch);

    [Benchmark]
    public ScanResult ScanCleanRulesOnly() => _engine.Scan(new ScanInput("周末", CleanPost));

    [Benchmark]
    public ScanResult ScanCleanWithModel() => _engine.Scan(new ScanInput("周末", CleanPost), classifier: _classifier);

    [Benchmark]
    public ScanResult ScanLeakRulesOnly() => _engine.Scan(new ScanInput(null, LeakPost));

    [Benchmark]
    public ScanResult ScanLeakWithModel() => _engine.Scan(new ScanInput(null, LeakPost), classifier: _classifier);
}
