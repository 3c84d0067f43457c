using Microsoft.Extensions.Options;
using Moderation.Detection.Classification;
using Moderation.Storage.Models;

namespace Moderation.Scanner.Models;

/// <summary>
/// The classifier every scan uses: the model activated in the registry, or the default model (trained
/// from the shipped corpus at build time and shipped beside the service) while none is, or none when
/// the model is switched off. Models are only loaded here, never trained. Swapped atomically when another model is activated or rolled back to; a scan in
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
            return content is null ? null : ModelFile.Read(new MemoryStream(content)).Classifier;
        }
        catch (ModelFormatException ex)
        {
            // Imports are validated, so this means the row was changed in the database by hand.
            logger.LogError(ex, "The active model {Version} cannot be read; keeping {InUse}", version, _active?.Version ?? "the default");
            return null;
        }
    }

    /// <exception cref="ModelFormatException">The default model file is missing or damaged: the scanner does not start, and the message names the file.</exception>
    private async Task<TextClassifier> LoadDefaultAsync(CancellationToken cancellationToken)
    {
        string path = options.Value.ResolvedDefaultModelFile();
        ModelFile model = await Task.Run(() => ModelFile.Load(path), cancellationToken);
        logger.LogInformation("Default model {Version} loaded from {Path}", model.Metadata.Version, path);
        return model.Classifier;
    }
}
