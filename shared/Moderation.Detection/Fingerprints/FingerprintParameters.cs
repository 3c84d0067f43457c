namespace Moderation.Detection.Fingerprints;

/// <summary>
/// How a fingerprint was computed. Two fingerprints can only be compared when every field agrees,
/// so a fingerprint file carries them and registration refuses a file computed differently.
/// </summary>
/// <param name="Normalization">Digest of what the normaliser makes of text (16 hexadecimal digits); changes when a release folds characters differently.</param>
/// <param name="KGram">Length of the hashed character k-grams, counted in letters and digits after normalisation.</param>
/// <param name="Window">Winnowing window: one hash is kept out of every <paramref name="Window"/> consecutive k-grams.</param>
/// <param name="Shingle">Length of the character shingles the SimHash is built from.</param>
/// <param name="Hash">The hash functions, by name.</param>
/// <param name="KeyId">Identifies the deployment secret the hashes are keyed with (16 hexadecimal digits), never the secret itself.</param>
public sealed record FingerprintParameters(string Normalization, int KGram, int Window, int Shingle, string Hash, string KeyId);
