package org.telops.platform;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.SelectStrategy;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.InternetProtocolFamily;
import io.netty.util.IntSupplier;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.net.ClientOptionsBase;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.transport.Transport;
import java.util.concurrent.locks.LockSupport;

/**
 * Netty's epoll transport with wake-up coalescing (TELOPS_EVENT_LOOP_COALESCE_MICROS).
 *
 * <p>Why: a media stream is a small frame every 20 ms on each of thousands of sockets. With the stock loop,
 * an event loop that has just handled one frame blocks in {@code epoll_wait}, and the next frame, a few
 * microseconds later, wakes it again: one sleep, one wake-up and one inter-processor interrupt per frame, on the
 * server and on the peer it answers. On a 2-core VM at 1,500 streams that was 130,000 context switches a second.
 * Here, a loop that found work last time does not block: it sleeps for the coalescing window, then takes
 * everything that arrived meanwhile in one {@code epoll_wait(0)}. A frame waits at most the window (and a task
 * submitted from another thread too); a loop that finds nothing after a window blocks as before, so an idle
 * server costs nothing.
 */
public final class CoalescingEpoll implements Transport {
  private final io.vertx.core.spi.transport.Transport epoll = Transport.EPOLL.implementation();
  private final long windowNanos;
  private final io.vertx.core.spi.transport.Transport implementation;

  public CoalescingEpoll(long windowMicros) {
    if (windowMicros <= 0 || windowMicros > 10_000) {
      throw new IllegalArgumentException("coalescing window of " + windowMicros + " µs: use 1 to 10000 µs, or do not coalesce");
    }
    this.windowNanos = windowMicros * 1_000;
    this.implementation = new Implementation();
  }

  /** Microseconds a busy event loop lets frames gather (TELOPS_EVENT_LOOP_COALESCE_MICROS); 0 = Netty's own loop. */
  public static final int DEFAULT_WINDOW_MICROS = 200;

  /**
   * The transport for these settings: coalescing epoll when TELOPS_NATIVE_TRANSPORT is on (the default), the window
   * is not 0 and epoll loads; otherwise null, which leaves the choice to Vert.x (plain epoll, or NIO).
   */
  public static Transport fromEnv(java.util.Map<String, String> environment) {
    org.telops.contracts.config.Env env = new org.telops.contracts.config.Env(environment);
    int windowMicros = env.integer("TELOPS_EVENT_LOOP_COALESCE_MICROS", DEFAULT_WINDOW_MICROS, 0, 10_000);
    boolean nativeTransport = env.bool("TELOPS_NATIVE_TRANSPORT", true);
    return nativeTransport && windowMicros > 0 && Transport.EPOLL.available() ? new CoalescingEpoll(windowMicros) : null;
  }

  @Override
  public String name() {
    return "epoll, coalescing " + windowNanos / 1_000 + " µs";
  }

  @Override
  public boolean available() {
    return Transport.EPOLL.available();
  }

  @Override
  public Throwable unavailabilityCause() {
    return Transport.EPOLL.unavailabilityCause();
  }

  @Override
  public io.vertx.core.spi.transport.Transport implementation() {
    return implementation;
  }

  /** One per event loop (a strategy keeps the loop's state). */
  static final class Strategy implements SelectStrategy {
    private final long windowNanos;
    private boolean foundWork;

    Strategy(long windowNanos) {
      this.windowNanos = windowNanos;
    }

    @Override
    public int calculateStrategy(IntSupplier selectNow, boolean hasTasks) throws Exception {
      int ready = selectNow.get();
      if (ready > 0 || hasTasks) {
        foundWork = true;
        return ready;
      }
      if (foundWork) {
        // Traffic is flowing: let the next frames gather instead of being woken by each of them.
        LockSupport.parkNanos(windowNanos);
        ready = selectNow.get();
        if (ready > 0) {
          return ready;
        }
      }
      foundWork = false;
      return SelectStrategy.SELECT;
    }
  }

  /** Epoll in every respect but the loop's select strategy. */
  private final class Implementation implements io.vertx.core.spi.transport.Transport {
    @Override
    public IoHandlerFactory ioHandlerFactory() {
      return EpollIoHandler.newFactory(0, () -> new Strategy(windowNanos));
    }

    @Override
    public boolean supportsDomainSockets() {
      return epoll.supportsDomainSockets();
    }

    @Override
    public boolean supportFileRegion() {
      return epoll.supportFileRegion();
    }

    @Override
    public boolean isAvailable() {
      return epoll.isAvailable();
    }

    @Override
    public Throwable unavailabilityCause() {
      return epoll.unavailabilityCause();
    }

    @Override
    public java.net.SocketAddress convert(SocketAddress address) {
      return epoll.convert(address);
    }

    @Override
    public SocketAddress convert(java.net.SocketAddress address) {
      return epoll.convert(address);
    }

    @Override
    public DatagramChannel datagramChannel() {
      return epoll.datagramChannel();
    }

    @Override
    public DatagramChannel datagramChannel(InternetProtocolFamily family) {
      return epoll.datagramChannel(family);
    }

    @Override
    public ChannelFactory<? extends Channel> channelFactory(boolean domainSocket) {
      return epoll.channelFactory(domainSocket);
    }

    @Override
    public ChannelFactory<? extends ServerChannel> serverChannelFactory(boolean domainSocket) {
      return epoll.serverChannelFactory(domainSocket);
    }

    @Override
    public void configure(DatagramChannel channel, DatagramSocketOptions options) {
      epoll.configure(channel, options);
    }

    @Override
    public void configure(ClientOptionsBase options, int connectTimeout, boolean domainSocket, Bootstrap bootstrap) {
      epoll.configure(options, connectTimeout, domainSocket, bootstrap);
    }

    @Override
    public void configure(NetServerOptions options, boolean domainSocket, ServerBootstrap bootstrap) {
      epoll.configure(options, domainSocket, bootstrap);
    }
  }
}
