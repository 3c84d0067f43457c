using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Moderation.Api.Dashboard;
using Microsoft.Extensions.Options;
using Moderation.Api.Review.Cases;
using Moderation.Api.Review.Listing;
using Moderation.Api.Review.Statistics;
using Moderation.Api.Security;
using Moderation.Storage.Review;

namespace Moderation.Api.Pages.Dashboard;

/// <summary>The queue at a glance: depth over two weeks, decisions per day, scores waiting, time to decision against the SLA.</summary>
[Authorize(Policy = AccessPolicies.Moderator)]
public sealed class IndexModel(ReviewStatistics statistics, CaseAccess access, IOptions<ReviewQueueOptions> options) : PageModel
{
    private static readonly TimeSpan Window = TimeSpan.FromDays(14);
    private static readonly TimeSpan Bucket = TimeSpan.FromHours(6);

    public static readonly string[] SlaBins = ["≤25%", "≤50%", "≤75%", "≤100%", "≤150%", "≤200%", ">200%"];

    public DashboardFigures Figures { get; private set; } = null!;

    public TimeSpan Sla => options.Value.Sla;

    public IHtmlContent DepthChart { get; private set; } = HtmlString.Empty;

    public IHtmlContent DecisionsChart { get; private set; } = HtmlString.Empty;

    public IHtmlContent ScoreChart { get; private set; } = HtmlString.Empty;

    public IHtmlContent SlaChart { get; private set; } = HtmlString.Empty;

    public double? WithinSla { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var scope = await access.ScopeOfAsync(User, cancellationToken);
        Figures = await statistics.ComputeAsync(scope.Apply(new CaseFilter()), Window, Bucket, cancellationToken);

        var depthLabels = Figures.QueueDepth.Select((_, i) => (Figures.From + (Bucket * i)).ToString("MM-dd", CultureInfo.InvariantCulture)).ToList();
        DepthChart = SvgCharts.Area("Open cases over the last 14 days", Figures.QueueDepth, depthLabels);

        var days = Figures.DecisionsPerDay;
        DecisionsChart = SvgCharts.StackedBars("Decisions per day", [.. days.Select(d => d.Day.ToString("MM-dd", CultureInfo.InvariantCulture))],
        [
            ("Release", "release", [.. days.Select(d => d.Release)]),
            ("Confirm", "confirm", [.. days.Select(d => d.Confirm)]),
            ("Escalate", "escalate", [.. days.Select(d => d.Escalate)]),
        ]);

        var bandLabels = Enumerable.Range(0, 10).Select(i => (0.5 + (i * 0.05)).ToString("0.00", CultureInfo.InvariantCulture)).ToList();
        ScoreChart = SvgCharts.Histogram("Scores of the open cases", bandLabels, Figures.ScoreBands);

        var limits = new[] { 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, double.MaxValue };
        var bins = new long[limits.Length];
        foreach (var share in Figures.SlaShares)
        {
            bins[Array.FindIndex(limits, l => share <= l)]++;
        }

        SlaChart = SvgCharts.Histogram("Time to decision as a share of the SLA", SlaBins, bins, lateFrom: 4, markerLabel: "SLA");
        WithinSla = Figures.SlaShares.Count == 0 ? null : Figures.SlaShares.Count(s => s <= 1.0) / (double)Figures.SlaShares.Count;
    }
}
