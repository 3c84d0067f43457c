using Microsoft.Extensions.Options;
using Moderation.Detection.Classification;
using Moderation.Learning;
using Moderation.Storage.Models;

namespace Moderation.Scanner.Models;

/// <summary>
/// The classifier every scan uses: the model activated in the registry, or the default model
/// (trained from the shipped corpus at first use and cached) while none is, or none when the model
/// is switched off. Swapped atomically when another model is activated or rolled back to; a scan in
/// flight finishes on the classifier it started with.
/// </summary>
public sealed class ModelProvider(ModelRepository registry, IOptions<ModelOptions> options, ILogger<ModelProvider> logger)
{
    private readonly SemaphoreSlim _reloading = new(1, 1);
    private TextClassifier? _default;
    private volatile TextClassifier? _active;

    /// <summary>The classifier to score with; null when the model is switched off.</summary>
    public TextClassifier? Active => _active;

    /// <summary>Loads the registry's active model if it differs from the one in use; returns the version now in use.</summary>
    public async Task<string?> ReloadAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return null;
        }

        await _reloading.WaitAsync(cancellationToken);
        try
        {
            string? wanted = await registry.ActiveVersionAsync(cancellationToken);
            if (wanted is null)
            {
                _default ??= await LoadDefaultAsync(cancellationToken);
                Use(_default, "the default");
            }
            else if (_active?.Version != wanted)
            {
                Use(await LoadAsync(wanted, cancellationToken) ?? _active ?? await LoadDefaultAsync(cancellationToken), "from the registry");
            }

            return _active!.Version;
        }
        finally
        {
            _reloading.Release();
        }
    }

    private void Use(TextClassifier classifier, string source)
    {
        if (_active?.Version == classifier.Version)
        {
            return;
        }

        string? previous = _active?.Version;
        _active = classifier;
        logger.LogInformation("Model {Version} in use ({Source}; was {Previous})", classifier.Version, source, previous ?? "none");
    }

    private async Task<TextClassifier?> LoadAsync(string version, CancellationToken cancellationToken)
    {
        byte[]? content = await registry.ContentAsync(version, cancellationToken);
        try
        {
            return content is null ? null : TextClassifier.LoadModelFile(new MemoryStream(content));
        }
        catch (InvalidDataException ex)
        {
            // Imports are validated, so this means the row was changed in the database by hand.
            logger.LogError(ex, "The active model {Version} cannot be read; keeping {InUse}", version, _active?.Version ?? "the default");
            return null;
        }
    }

    private async Task<TextClassifier> LoadDefaultAsync(CancellationToken cancellationToken)
    {
        string cache = options.Value.ResolvedCacheDirectory();
        var progress = new Progress<string>(step => logger.LogInformation("Default model: {Step}", step));
        using var model = await Task.Run(() => ModelCatalog.GetOrTrainDefault(cache, progress), cancellationToken);
        return model.Classifier;
    }
}
