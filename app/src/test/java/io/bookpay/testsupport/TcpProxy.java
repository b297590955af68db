package io.bookpay.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder on a fixed local port that a test can cut and restore, to make a server
 * unreachable for the app without touching the server: {@link #cut()} refuses new connections and
 * drops the open ones (as a restart or a network failure would), {@link #restore()} listens again;
 * {@link #silence()} keeps every connection open but carries nothing (a network cut without a reset).
 * Plain blocking sockets on threads of its own, never on an event loop.
 */
public final class TcpProxy implements AutoCloseable {

  private final String targetHost;
  private final int targetPort;
  private final int port;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  /** Local ports of the connections to the target: a server sees the proxied clients on these. */
  private final Set<Integer> upstreamPorts = ConcurrentHashMap.newKeySet();
  private volatile ServerSocket server;
  private volatile boolean silent;

  private TcpProxy(String targetHost, int targetPort, int port) {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.port = port;
  }

  public static TcpProxy start(String targetHost, int targetPort) {
    TcpProxy proxy = new TcpProxy(targetHost, targetPort, InJvmKafka.freePort());
    proxy.restore();
    return proxy;
  }

  public int port() {
    return port;
  }

  /** Client ports the target sees for the connections open through this proxy now. */
  public List<Integer> upstreamPorts() {
    return List.copyOf(upstreamPorts);
  }

  public synchronized void restore() {
    if (server != null) {
      return;
    }
    try {
      ServerSocket listening = new ServerSocket();
      listening.setReuseAddress(true);
      listening.bind(new InetSocketAddress("127.0.0.1", port));
      server = listening;
      Thread acceptor = new Thread(() -> accept(listening), "tcp-proxy-accept-" + port);
      acceptor.setDaemon(true);
      acceptor.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot listen on " + port, e);
    }
  }

  public synchronized void cut() {
    ServerSocket listening = server;
    server = null;
    closeQuietly(listening);
    sockets.forEach(TcpProxy::closeQuietly);
    sockets.clear();
    upstreamPorts.clear();
  }

  /**
   * Open and new connections stay open but carry nothing either way, as when a network drops packets
   * without a reset: a client waits for an answer until its own timeout. What is sent meanwhile is lost.
   */
  public void silence() {
    silent = true;
  }

  /** Ends {@link #silence()}: new connections work again; the ones that lost bytes meanwhile stay broken. */
  public void speak() {
    silent = false;
  }

  @Override
  public void close() {
    cut();
  }

  private void accept(ServerSocket listening) {
    while (!listening.isClosed()) {
      try {
        Socket client = listening.accept();
        Socket upstream = new Socket(targetHost, targetPort);
        sockets.add(client);
        sockets.add(upstream);
        upstreamPorts.add(upstream.getLocalPort());
        pump(client, upstream);
        pump(upstream, client);
      } catch (IOException e) {
        // The listener was closed by cut(), or the target refused: the client sees its socket close.
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[16 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          if (!silent) {
            out.write(buffer, 0, n);
            out.flush();
          }
        }
      } catch (IOException e) {
        // One side went away; close both below.
      } finally {
        upstreamPorts.remove(from.getLocalPort());
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "tcp-proxy-pump-" + port);
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(java.io.Closeable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
