using YamlDotNet.RepresentationModel;

namespace Moderation.Deployment.Tests.Support;

/// <summary>The Kubernetes objects helm rendered, as YAML nodes.</summary>
internal sealed class Manifests
{
    private Manifests(IReadOnlyList<YamlMappingNode> all) => All = all;

    public IReadOnlyList<YamlMappingNode> All { get; }

    public static Manifests Parse(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return new Manifests(stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>().ToList());
    }

    public IEnumerable<YamlMappingNode> OfKind(string kind) => All.Where(m => m.Text("kind") == kind);

    public YamlMappingNode Single(string kind, string name) =>
        OfKind(kind).SingleOrDefault(m => m.Text("metadata", "name") == name)
        ?? throw new InvalidOperationException($"no {kind} {name} among: {string.Join(", ", All.Select(m => $"{m.Text("kind")} {m.Text("metadata", "name")}"))}");

    /// <summary>Every workload that runs pods (Deployments and Jobs), by "Kind name".</summary>
    public IEnumerable<(string Workload, YamlNode PodSpec)> PodSpecs() =>
        All.Where(m => m.Text("kind") is "Deployment" or "Job")
           .Select(m => ($"{m.Text("kind")} {m.Text("metadata", "name")}", m.At("spec", "template", "spec")!));

    /// <summary>Every container of every workload, by "Kind name/container".</summary>
    public IEnumerable<(string Name, string Kind, YamlNode Container)> Containers() =>
        from workload in All.Where(m => m.Text("kind") is "Deployment" or "Job")
        from container in workload.At("spec", "template", "spec", "containers").Items()
        select ($"{workload.Text("kind")} {workload.Text("metadata", "name")}/{container.Text("name")}", workload.Text("kind")!, container);
}

/// <summary>Navigation in YAML nodes by mapping keys.</summary>
internal static class YamlNodes
{
    private static readonly YamlScalarNode MergeKey = new("<<");

    /// <summary>The node at a path of keys; a key missing from a mapping is looked up in what it merges (<c>&lt;&lt;: *anchor</c>).</summary>
    public static YamlNode? At(this YamlNode? node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not YamlMappingNode mapping)
            {
                return null;
            }

            if (!mapping.Children.TryGetValue(new YamlScalarNode(key), out node))
            {
                node = mapping.Children.TryGetValue(MergeKey, out var merged) ? merged.At(key) : null;
            }
        }

        return node;
    }

    public static string? Text(this YamlNode? node, params string[] path) => (node.At(path) as YamlScalarNode)?.Value;

    public static IEnumerable<YamlNode> Items(this YamlNode? node) => node is YamlSequenceNode sequence ? sequence.Children : [];

    public static IEnumerable<string> Keys(this YamlNode? node) =>
        node is YamlMappingNode mapping ? mapping.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value!) : [];
}
