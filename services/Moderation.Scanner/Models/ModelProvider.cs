using Microsoft.Extensions.Options;
using Moderation.Detection.Classification;
using Moderation.Learning;

namespace Moderation.Scanner.Models;

/// <summary>
/// The classifier every scan uses: the default model, trained from the shipped corpus at first use
/// and cached, or none when the model is switched off. Swapped atomically; a scan in flight finishes
/// on the classifier it started with.
/// </summary>
public sealed class ModelProvider(IOptions<ModelOptions> options, ILogger<ModelProvider> logger)
{
    private readonly SemaphoreSlim _reloading = new(1, 1);
    private volatile TextClassifier? _active;

    /// <summary>The classifier to score with; null when the model is switched off.</summary>
    public TextClassifier? Active => _active;

    /// <summary>Loads the model in use if it is not loaded yet; returns its version.</summary>
    public async Task<string?> ReloadAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return null;
        }

        await _reloading.WaitAsync(cancellationToken);
        try
        {
            if (_active is null)
            {
                string cache = options.Value.ResolvedCacheDirectory();
                var progress = new Progress<string>(step => logger.LogInformation("Default model: {Step}", step));
                using var model = await Task.Run(() => ModelCatalog.GetOrTrainDefault(cache, progress), cancellationToken);
                _active = model.Classifier;
                logger.LogInformation("Model {Version} in use (the default, cached in {CacheDirectory})", model.Metadata.Version, cache);
            }

            return _active.Version;
        }
        finally
        {
            _reloading.Release();
        }
    }
}
