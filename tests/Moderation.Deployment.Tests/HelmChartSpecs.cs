using System.Text.RegularExpressions;
using Moderation.Deployment.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Moderation.Deployment.Tests;

/// <summary>
/// helm/moderation, linted and rendered by helm itself with both value files, and the rendered
/// manifests checked for what an operator relies on: nothing runs as root or without limits and
/// probes, no credential is written into a manifest, images follow the chart's appVersion, and the
/// schema refuses what it does not know.
/// </summary>
public sealed partial class HelmChartSpecs
{
    public static TheoryData<string> ValueFiles => new() { "values.yaml", "values-production.yaml" };

    private static readonly string[] Services = ["api", "scanner", "notifier"];

    [Theory]
    [MemberData(nameof(ValueFiles))]
    public async Task Lint_strict_passes(string valuesFile)
    {
        var lint = await Helm.LintAsync(valuesFile);

        lint.ExitCode.Should().Be(0, lint.ToString());
        lint.Output.Should().Contain("0 chart(s) failed").And.NotContain("[WARNING]").And.NotContain("[ERROR]");
    }

    [Theory]
    [MemberData(nameof(ValueFiles))]
    public async Task No_container_runs_as_root_or_may_gain_privileges_or_write_its_root_filesystem(string valuesFile)
    {
        var manifests = await Helm.RenderAsync(valuesFile);

        manifests.PodSpecs().Should().HaveCount(4, "the api, scanner and notifier Deployments and the migration Job");
        foreach (var (workload, pod) in manifests.PodSpecs())
        {
            pod.Text("securityContext", "runAsNonRoot").Should().Be("true", workload);
            int.Parse(pod.Text("securityContext", "runAsUser")!).Should().BePositive(workload);
            pod.Text("automountServiceAccountToken").Should().Be("false", workload);
            pod.At("volumes").Items().Should().Contain(v => v.Text("name") == "tmp" && v.At("emptyDir") != null, workload);
        }

        foreach (var (name, _, container) in manifests.Containers())
        {
            var security = container.At("securityContext");
            security.Text("runAsNonRoot").Should().Be("true", name);
            int.Parse(security.Text("runAsUser")!).Should().BePositive(name);
            security.Text("readOnlyRootFilesystem").Should().Be("true", name);
            security.Text("allowPrivilegeEscalation").Should().Be("false", name);
            security.At("capabilities", "drop").Items().Select(c => c.Text()).Should().Equal(["ALL"], name);
            container.At("volumeMounts").Items().Should().ContainSingle(m => m.Text("mountPath") == "/tmp", $"{name}: /tmp is its only writable path");
        }
    }

    [Theory]
    [MemberData(nameof(ValueFiles))]
    public async Task Every_container_has_limits_and_every_service_container_has_its_probes(string valuesFile)
    {
        var manifests = await Helm.RenderAsync(valuesFile);

        foreach (var (name, kind, container) in manifests.Containers())
        {
            container.Text("resources", "limits", "cpu").Should().NotBeNullOrEmpty(name);
            container.Text("resources", "limits", "memory").Should().NotBeNullOrEmpty(name);
            container.Text("resources", "requests", "memory").Should().NotBeNullOrEmpty(name);
            if (kind == "Deployment")
            {
                container.Text("livenessProbe", "httpGet", "path").Should().Be("/health/live", name);
                container.Text("readinessProbe", "httpGet", "path").Should().Be("/health/ready", name);
                container.Text("startupProbe", "httpGet", "path").Should().Be("/health/live", name);
                container.Text("livenessProbe", "httpGet", "port").Should().Be("http", name);
                container.At("ports").Items().Should().ContainSingle(p => p.Text("name") == "http" && p.Text("containerPort") == "8080", name);
            }
        }

        manifests.OfKind("Deployment").Select(d => d.Text("metadata", "name")).Should().BeEquivalentTo(Services.Select(s => $"moderation-{s}"));
    }

    [Theory]
    [MemberData(nameof(ValueFiles))]
    public async Task No_secret_value_is_written_into_a_manifest(string valuesFile)
    {
        var result = await Helm.TemplateAsync(valuesFile);
        var manifests = Manifests.Parse(result.Output);

        manifests.OfKind("Secret").Should().BeEmpty("every credential comes from an existing Secret");
        foreach (var (name, _, container) in manifests.Containers())
        {
            foreach (var variable in container.At("env").Items())
            {
                var variableName = variable.Text("name")!;
                if (CredentialName().IsMatch(variableName))
                {
                    variable.At("value").Should().BeNull($"{name}: {variableName} must not be inline");
                    variable.Text("valueFrom", "secretKeyRef", "name").Should().NotBeNullOrEmpty($"{name}: {variableName} comes from a Secret");
                }
            }
        }

        // Nothing that looks like a password in a connection string or URL, anywhere in the output.
        result.Output.Should().NotMatchRegex(@"(?i)password\s*=\s*[^;\s'""…]+;");
        result.Output.Should().NotMatchRegex(@"(?i)(amqps?|redis|https?)://[^/\s:@]+:[^@\s…]+@");
    }

    [Theory]
    [MemberData(nameof(ValueFiles))]
    public async Task Every_image_is_tagged_with_the_charts_appVersion_unless_a_tag_is_set(string valuesFile)
    {
        var appVersion = ChartYaml().Text("appVersion");
        var manifests = await Helm.RenderAsync(valuesFile);
        var pinned = await Helm.RenderAsync(valuesFile, "image.tag=2099.1.0-rc1");

        appVersion.Should().MatchRegex(@"^\d+\.\d+\.\d+");
        manifests.Containers().Select(c => c.Container.Text("image")).Should().OnlyContain(i => i!.EndsWith($":{appVersion}", StringComparison.Ordinal))
            .And.Contain(i => i!.Contains("/cli:", StringComparison.Ordinal), "the migration Job runs the command line's image");
        pinned.Containers().Select(c => c.Container.Text("image")).Should().OnlyContain(i => i!.EndsWith(":2099.1.0-rc1", StringComparison.Ordinal));
        manifests.OfKind("Deployment").Select(d => d.Text("metadata", "labels", "app.kubernetes.io/version")).Should().AllBe(appVersion);
    }

    [Theory]
    [InlineData("unknownKey=1", "(root): Additional property unknownKey is not allowed")]
    [InlineData("api.replica=3", "api: Additional property replica is not allowed")]
    [InlineData("scanner.keda.queueDepth=5", "scanner.keda: Additional property queueDepth is not allowed")]
    [InlineData("networkPolicy.ports.mysql[0]=3306", "networkPolicy.ports: Additional property mysql is not allowed")]
    [InlineData("settings.ConnectionStrings__Postgres=Host=db", "settings: Property name of \"ConnectionStrings__Postgres\" does not match")]
    [InlineData("api.settings.Moderation__Fingerprints__Secret=x", "api.settings: Property name of \"Moderation__Fingerprints__Secret\" does not match")]
    [InlineData("postgresql.existingSecret=", "postgresql.existingSecret")]
    [InlineData("api.resources.limits=null", "api.resources")]
    [InlineData("podSecurityContext.runAsNonRoot=false", "podSecurityContext.runAsNonRoot")]
    public async Task The_schema_refuses_unknown_keys_inline_credentials_and_missing_limits(string set, string error)
    {
        var result = await Helm.TemplateAsync("values.yaml", set);

        result.ExitCode.Should().NotBe(0);
        result.Error.Should().Contain("values don't meet the specifications of the schema").And.Contain(error);
    }

    [Fact]
    public async Task The_services_do_not_migrate_at_start_the_migration_job_does_before_install_and_upgrade()
    {
        var manifests = await Helm.RenderAsync("values.yaml");

        foreach (var (name, _, service) in manifests.Containers().Where(c => c.Kind == "Deployment"))
        {
            Env(service, "Moderation__Storage__MigrateOnStart").Should().Be("false", name);
        }

        var job = manifests.Single("Job", "moderation-migration");
        job.Text("metadata", "annotations", "helm.sh/hook").Should().Be("pre-install,pre-upgrade");
        var container = job.At("spec", "template", "spec", "containers").Items().Single();
        container.At("args").Items().Select(a => a.Text()).Should().Equal("migrate");
        container.At("env").Items().Should().ContainSingle(e => e.Text("name") == "MODERATION_CONNECTION_STRING" && e.Text("valueFrom", "secretKeyRef", "name") == "moderation-postgresql");
    }

    [Fact]
    public async Task Each_service_has_a_disruption_budget_and_spreads_over_zones_and_nodes_and_the_api_autoscales()
    {
        var manifests = await Helm.RenderAsync("values.yaml");

        foreach (var service in Services)
        {
            var name = $"moderation-{service}";
            manifests.Single("PodDisruptionBudget", name).Text("spec", "selector", "matchLabels", "app.kubernetes.io/component").Should().Be(service);
            manifests.Single("Service", name).At("spec", "ports").Items().Should().ContainSingle(p => p.Text("name") == "http" && p.Text("targetPort") == "http");
            manifests.Single("Deployment", name).At("spec", "template", "spec", "topologySpreadConstraints").Items().Select(t => t.Text("topologyKey"))
                .Should().Equal("topology.kubernetes.io/zone", "kubernetes.io/hostname");
        }

        var hpa = manifests.Single("HorizontalPodAutoscaler", "moderation-api");
        hpa.Text("spec", "scaleTargetRef", "name").Should().Be("moderation-api");
        manifests.Single("Deployment", "moderation-api").At("spec", "replicas").Should().BeNull("the autoscaler owns the api's replicas");
        manifests.OfKind("ScaledObject").Should().BeEmpty("KEDA is off by default");
    }

    [Fact]
    public async Task Production_runs_three_scanners_against_the_external_rabbitmq_cluster_over_tls()
    {
        var manifests = await Helm.RenderAsync("values-production.yaml");

        manifests.Single("Deployment", "moderation-scanner").Text("spec", "replicas").Should().Be("3");
        var ingress = manifests.Single("Ingress", "moderation-api");
        ingress.At("spec", "tls").Items().Single().Text("secretName").Should().Be("moderation-tls");
        var scannerEgress = manifests.Single("NetworkPolicy", "moderation-scanner").At("spec", "egress").Items()
            .SelectMany(rule => rule.At("ports").Items()).Select(p => p.Text("port")).ToList();
        scannerEgress.Should().Contain("5671").And.NotContain("5672", "only AMQP over TLS reaches the cluster");
        foreach (var (name, _, container) in manifests.Containers())
        {
            Env(container, "SSL_CERT_FILE").Should().Be("/etc/moderation/ca/ca-bundle.crt", $"{name} trusts the internal CA");
        }
    }

    [Fact]
    public async Task The_ingress_serves_the_web_ui_and_never_routes_metrics_or_health_to_the_api()
    {
        var manifests = await Helm.RenderAsync("values.yaml", "ingress.enabled=true", "ingress.host=moderation.test");

        var paths = manifests.Single("Ingress", "moderation-api").At("spec", "rules").Items().Single().At("http", "paths").Items()
            .ToDictionary(p => p.Text("path")!, p => p.Text("backend", "service", "name"));
        paths["/"].Should().Be("moderation-api");
        paths["/metrics"].Should().Be("moderation-closed");
        paths["/health"].Should().Be("moderation-closed");
        var closed = manifests.Single("Service", "moderation-closed");
        manifests.PodSpecs().Should().NotContain(p => p.Workload.EndsWith("closed", StringComparison.Ordinal));
        closed.Text("spec", "selector", "app.kubernetes.io/component").Should().Be("closed", "no pod has that label");
    }

    [Fact]
    public async Task The_network_policy_lets_traces_out_only_when_an_otlp_endpoint_is_set()
    {
        var without = await Helm.RenderAsync("values.yaml");
        var with = await Helm.RenderAsync("values.yaml", "otlp.endpoint=http://collector.observability:4317");

        foreach (var service in Services)
        {
            EgressPorts(without, service).Should().NotContain(["4317", "4318"]);
            EgressPorts(with, service).Should().Contain(["4317", "4318"]);
            Env(with.Single("Deployment", $"moderation-{service}").At("spec", "template", "spec", "containers").Items().Single(), "OTEL_EXPORTER_OTLP_ENDPOINT")
                .Should().Be("http://collector.observability:4317");
        }

        EgressPorts(without, "notifier").Should().Contain("443", "the notifier delivers to departments' webhooks");
        EgressPorts(without, "scanner").Should().NotContain("443");
        EgressPorts(without, "migration").Should().BeEquivalentTo(["53", "53", "5432"]);
    }

    [Fact]
    public async Task With_keda_the_scanners_scale_on_the_post_submitted_queue()
    {
        var manifests = await Helm.RenderAsync("values.yaml", "scanner.keda.enabled=true", "scanner.keda.queueLength=50");

        var scaled = manifests.Single("ScaledObject", "moderation-scanner");
        scaled.Text("spec", "scaleTargetRef", "name").Should().Be("moderation-scanner");
        var trigger = scaled.At("spec", "triggers").Items().Single();
        trigger.Text("type").Should().Be("rabbitmq");
        trigger.Text("metadata", "queueName").Should().Be("post-submitted");
        trigger.Text("metadata", "mode").Should().Be("QueueLength");
        trigger.Text("metadata", "value").Should().Be("50");
        manifests.Single("TriggerAuthentication", "moderation-scanner").At("spec", "secretTargetRef").Items().Single().Text("name").Should().Be("moderation-rabbitmq");
        manifests.Single("Deployment", "moderation-scanner").At("spec", "replicas").Should().BeNull("KEDA owns the scanners' replicas");
    }

    [Fact]
    public async Task The_service_monitor_scrapes_metrics_on_the_http_port_of_every_service()
    {
        var manifests = await Helm.RenderAsync("values.yaml", "serviceMonitor.enabled=true");

        var monitor = manifests.OfKind("ServiceMonitor").Single();
        var endpoint = monitor.At("spec", "endpoints").Items().Single();
        endpoint.Text("port").Should().Be("http");
        endpoint.Text("path").Should().Be("/metrics");
        monitor.At("spec", "selector", "matchExpressions").Items().Single().At("values").Items().Select(v => v.Text()).Should().BeEquivalentTo(Services);
    }

    [Fact]
    public async Task The_dashboard_config_map_holds_every_dashboard_of_the_chart()
    {
        var dashboards = Directory.Exists(Path.Combine(Repository.Chart, "dashboards"))
            ? Directory.GetFiles(Path.Combine(Repository.Chart, "dashboards"), "*.json").Select(Path.GetFileName).ToList()
            : [];

        var manifests = await Helm.RenderAsync("values.yaml", "grafanaDashboard.enabled=true");
        var off = await Helm.RenderAsync("values.yaml");

        var maps = manifests.OfKind("ConfigMap").Where(m => m.Text("metadata", "labels", "grafana_dashboard") == "1").ToList();
        if (dashboards.Count == 0)
        {
            maps.Should().BeEmpty();
        }
        else
        {
            maps.Single().At("data").Keys().Should().BeEquivalentTo(dashboards);
        }

        off.OfKind("ConfigMap").Should().NotContain(m => m.Text("metadata", "labels", "grafana_dashboard") != null);
    }

    [Fact]
    public async Task The_broker_definitions_config_map_is_the_file_in_deploy_rabbitmq()
    {
        var manifests = await Helm.RenderAsync("values.yaml");

        var map = manifests.Single("ConfigMap", "moderation-rabbitmq-definitions");
        map.Text("data", "definitions.json").Should().Be(File.ReadAllText(Repository.File("deploy", "rabbitmq", "definitions.json")).TrimEnd('\n'));
        map.Text("data", "operator-permissions.json").Should().Be(File.ReadAllText(Repository.File("deploy", "rabbitmq", "operator-permissions.json")).TrimEnd('\n'));
    }

    [GeneratedRegex("(?i)^ConnectionStrings__|secret|password|_KEY$|CONNECTION_STRING")]
    private static partial Regex CredentialName();

    private static YamlNode ChartYaml()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(Repository.Chart, "Chart.yaml"))));
        return stream.Documents[0].RootNode;
    }

    private static string? Env(YamlNode container, string name) =>
        container.At("env").Items().SingleOrDefault(e => e.Text("name") == name).Text("value");

    private static List<string?> EgressPorts(Manifests manifests, string component) =>
        manifests.Single("NetworkPolicy", $"moderation-{component}").At("spec", "egress").Items()
            .SelectMany(rule => rule.At("ports").Items()).Select(p => p.Text("port")).ToList();
}
