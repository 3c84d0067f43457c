using System.Net;
using System.Net.Sockets;

namespace Moderation.Integration.Tests.Support;

/// <summary>
/// A TCP relay between one service and the broker, so a test can cut that service's broker
/// connection (close it and refuse new ones) and restore it, as a network partition would, without
/// touching the broker every other test uses.
/// </summary>
public sealed class BrokerLink : IAsyncDisposable
{
    private readonly IPEndPoint _broker;
    private readonly List<TcpClient> _open = [];
    private readonly Lock _gate = new();
    private TcpListener _listener;
    private CancellationTokenSource _accepting = new();

    private BrokerLink(IPEndPoint broker)
    {
        _broker = broker;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptAsync(_listener, _accepting.Token);
    }

    public int Port { get; }

    /// <summary>Relays to the broker of <paramref name="amqpUrl"/>.</summary>
    public static BrokerLink To(string amqpUrl)
    {
        var uri = new Uri(amqpUrl);
        return new BrokerLink(new IPEndPoint(IPAddress.Parse(uri.Host), uri.Port));
    }

    /// <summary><paramref name="amqpUrl"/> with its host and port replaced by this link's.</summary>
    public string Through(string amqpUrl) => new UriBuilder(amqpUrl) { Host = "127.0.0.1", Port = Port }.Uri.ToString();

    /// <summary>Closes every relayed connection and refuses new ones until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        _accepting.Cancel();
        _listener.Stop();
        lock (_gate)
        {
            foreach (var client in _open)
            {
                client.Dispose();
            }

            _open.Clear();
        }
    }

    /// <summary>Accepts connections again on the same port.</summary>
    public void Restore()
    {
        _accepting = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Start();
        _ = AcceptAsync(_listener, _accepting.Token);
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        return ValueTask.CompletedTask;
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient service;
            try
            {
                service = await listener.AcceptTcpClientAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var broker = new TcpClient();
            try
            {
                await broker.ConnectAsync(_broker, cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException)
            {
                service.Dispose();
                broker.Dispose();
                continue;
            }

            lock (_gate)
            {
                _open.Add(service);
                _open.Add(broker);
            }

            _ = PumpAsync(service, broker);
            _ = PumpAsync(broker, service);
        }
    }

    private static async Task PumpAsync(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream());
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException or InvalidOperationException)
        {
            // The link was cut or one side closed: the other side is closed below.
        }

        from.Dispose();
        to.Dispose();
    }
}
