using Microsoft.Extensions.Options;
using Moderation.Detection;
using Moderation.Storage.Rules;

namespace Moderation.Scanner.Rules;

/// <summary>
/// The engine every scan uses, built from the active rule set (the embedded default while none is
/// active) and swapped atomically when another set is activated. A scan in flight finishes on the
/// engine it started with.
/// </summary>
public sealed class DetectionEngineProvider(RuleSetRepository ruleSets, IOptions<ScannerOptions> options, ILogger<DetectionEngineProvider> logger)
{
    private readonly SemaphoreSlim _reloading = new(1, 1);
    private volatile DetectionEngine? _current;

    /// <summary>Whether an engine is loaded yet (it is once the scanner has started).</summary>
    public bool IsLoaded => _current is not null;

    public DetectionEngine Current => _current ?? throw new InvalidOperationException("The detection engine is loaded when the scanner starts.");

    /// <summary>Loads the active rule set if it differs from the one in use; returns the version now in use.</summary>
    public async Task<string> ReloadAsync(CancellationToken cancellationToken)
    {
        await _reloading.WaitAsync(cancellationToken);
        try
        {
            var active = await ruleSets.FindActiveAsync(cancellationToken);
            var wanted = active?.Version ?? RuleSet.LoadDefault().Version;
            if (_current?.RuleSetVersion == wanted)
            {
                return wanted;
            }

            var ruleSet = active is null ? RuleSet.LoadDefault() : RuleSet.Parse(active.SourceJson);
            var thresholds = options.Value.ThresholdsFor(ruleSet);
            var previous = _current?.RuleSetVersion;
            _current = new DetectionEngine(ruleSet, thresholds);
            logger.LogInformation("Rule set {Version} in use (was {Previous})", ruleSet.Version, previous ?? "none");
            return ruleSet.Version;
        }
        catch (RuleSetException ex)
        {
            // Imports are validated, so this means a rule set was changed in the database by hand.
            logger.LogError(ex, "The active rule set does not compile; keeping {Version}", _current?.RuleSetVersion ?? "none");
            if (_current is null)
            {
                _current = new DetectionEngine(RuleSet.LoadDefault(), options.Value.ThresholdsFor(RuleSet.LoadDefault()));
            }

            return _current.RuleSetVersion;
        }
        finally
        {
            _reloading.Release();
        }
    }
}
