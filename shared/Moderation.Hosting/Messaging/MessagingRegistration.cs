using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Moderation.Contracts;

namespace Moderation.Hosting.Messaging;

public static class MessagingRegistration
{
    /// <summary>Adds a module's consumers to the bus the host will register.</summary>
    public static IHostApplicationBuilder AddMessagingModule(this IHostApplicationBuilder builder, Action<IBusRegistrationConfigurator> register)
    {
        Modules(builder).Registrations.Add(register);
        return builder;
    }

    /// <summary>
    /// Adds a consumer that every running instance receives each message of (a fan-out), on a
    /// temporary queue of its own that goes away with the instance. For notifications such as
    /// "a new rule set is active", not for work that must be done once.
    /// </summary>
    public static IHostApplicationBuilder AddBroadcastConsumer<TConsumer>(this IHostApplicationBuilder builder)
        where TConsumer : class, IConsumer
    {
        var name = $"{KebabCaseEndpointNameFormatter.Instance.Consumer<TConsumer>()}-{InstanceName()}";
        Modules(builder).BroadcastEndpoints.Add(name);
        return builder.AddMessagingModule(bus => bus.AddConsumer<TConsumer>().Endpoint(e =>
        {
            e.Name = name;
            e.Temporary = true;
        }));
    }

    private static string InstanceName() =>
        $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}"[..^24].ToLowerInvariant();

    /// <summary>
    /// Registers MassTransit with every module's consumers: RabbitMQ when <c>ConnectionStrings:RabbitMq</c>
    /// is set, otherwise the in-memory transport. Call it after the modules.
    /// </summary>
    public static IHostApplicationBuilder AddModerationMessaging(this IHostApplicationBuilder builder) =>
        builder.AddModerationMessaging(static (services, configure) => services.AddMassTransit(configure));

    /// <summary>
    /// As <see cref="AddModerationMessaging(IHostApplicationBuilder)"/>, with the MassTransit registration
    /// call supplied (consumer tests pass <c>AddMassTransitTestHarness</c>).
    /// </summary>
    public static IHostApplicationBuilder AddModerationMessaging(
        this IHostApplicationBuilder builder,
        Func<IServiceCollection, Action<IBusRegistrationConfigurator>, IServiceCollection> registerMassTransit)
    {
        var modules = Modules(builder);
        var rabbitMq = builder.Configuration.GetConnectionString("RabbitMq");
        var endpoint = string.IsNullOrWhiteSpace(rabbitMq) ? null : RabbitMqEndpoint.Parse(rabbitMq);
        var transport = new TransportInfo(endpoint is null ? TransportKind.InMemory : TransportKind.RabbitMq, endpoint?.User);
        builder.Services.AddSingleton(transport);
        builder.Services.AddOptions<MessagingOptions>().BindConfiguration(MessagingOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<OperatorIdentity>();

        registerMassTransit(builder.Services, bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            foreach (var register in modules.Registrations)
            {
                register(bus);
            }

            if (endpoint is null)
            {
                bus.UsingInMemory((context, cfg) =>
                {
                    ConfigureSerialization(cfg);
                    cfg.ConfigureEndpoints(context);
                });
                return;
            }

            bus.AddConfigureEndpointsCallback((context, name, cfg) =>
            {
                if (cfg is IRabbitMqReceiveEndpointConfigurator rabbit && !modules.BroadcastEndpoints.Contains(name))
                {
                    var options = context.GetRequiredService<IOptions<MessagingOptions>>().Value;
                    ConfigureDurableQueue(rabbit, options);
                }
            });
            bus.UsingRabbitMq((context, cfg) =>
            {
                var clusterNodes = context.GetRequiredService<IOptions<MessagingOptions>>().Value.ClusterNodes;
                cfg.Host(endpoint.Host, endpoint.Port, endpoint.VirtualHost, builder.Environment.ApplicationName, h =>
                {
                    h.Username(endpoint.User);
                    h.Password(endpoint.Password);
                    if (clusterNodes.Count > 0)
                    {
                        // Every connection (and every reconnection) takes the next node in turn, so a
                        // stopped node only costs a reconnect to one of the others.
                        h.UseCluster(cluster =>
                        {
                            cluster.Node($"{endpoint.Host}:{endpoint.Port}");
                            foreach (var node in clusterNodes)
                            {
                                cluster.Node(node);
                            }
                        });
                    }

                    // The broker confirms every publish before Send/Publish returns: nothing is lost in flight.
                    h.PublisherConfirmation = true;
                });
                ConfigureSerialization(cfg);
                cfg.ConfigureEndpoints(context);
            });
        });
        return builder;
    }

    /// <summary>
    /// Quorum queues survive a broker restart and count deliveries; a message redelivered more often
    /// than the limit (its consumer keeps dying) is dead-lettered to <c>&lt;queue&gt;_dead</c>, never dropped.
    /// Messages that fail in the consumer go to MassTransit's <c>&lt;queue&gt;_error</c>.
    /// </summary>
    private static void ConfigureDurableQueue(IRabbitMqReceiveEndpointConfigurator endpoint, MessagingOptions options)
    {
        endpoint.SetQuorumQueue();
        endpoint.SetQueueArgument("x-delivery-limit", options.DeliveryLimit);
        endpoint.SetQueueArgument("x-dead-letter-strategy", "at-least-once");
        endpoint.SetQueueArgument("x-overflow", "reject-publish");
        var deadLetters = $"{endpoint.InputAddress.AbsolutePath.Trim('/').Split('/')[^1]}_dead";
        endpoint.BindDeadLetterQueue(deadLetters, deadLetters, queue => queue.SetQuorumQueue());
        endpoint.PrefetchCount = options.PrefetchCount;
        endpoint.ConcurrentMessageLimit = options.ConcurrentMessageLimit;
    }

    /// <summary>
    /// Accept plain JSON (content type <c>application/json</c>) from forums that do not use MassTransit,
    /// and send what forums and departments read (verdicts, rejections, takedown orders, incident reports) as plain JSON too.
    /// </summary>
    private static void ConfigureSerialization(IBusFactoryConfigurator cfg)
    {
        cfg.ConfigureJsonSerializerOptions(WireFormat.Apply);
        cfg.AddRawJsonSerializer();
        cfg.Send<PostVerdict>(s => s.UseSerializer(RawJsonContentType));
        cfg.Send<PostRejected>(s => s.UseSerializer(RawJsonContentType));
        cfg.Send<TakedownRequested>(s => s.UseSerializer(RawJsonContentType));
        cfg.Send<IncidentReported>(s => s.UseSerializer(RawJsonContentType));
    }

    private const string RawJsonContentType = "application/json";

    private static MessagingModules Modules(IHostApplicationBuilder builder)
    {
        if (!builder.Properties.TryGetValue(typeof(MessagingModules), out var modules))
        {
            modules = new MessagingModules();
            builder.Properties[typeof(MessagingModules)] = modules;
        }

        return (MessagingModules)modules;
    }
}
