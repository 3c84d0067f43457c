namespace Moderation.Detection.Classification;

/// <summary>A file that is not a model this library wrote (or was written by an incompatible format).</summary>
public sealed class ModelFormatException(string message, Exception? inner = null) : Exception(message, inner);
