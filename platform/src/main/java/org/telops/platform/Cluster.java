package org.telops.platform;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.telops.contracts.config.ConfigException;
import org.telops.contracts.config.Env;

/**
 * The event bus across processes: with {@code TELOPS_CLUSTER=hazelcast} every process of one deployment
 * (one role each, {@code serve --role …}) joins one Vert.x cluster, and the modules' bus messages (CDR
 * fragments, call events, carrier state, region health…) reach whichever process consumes them, with no
 * code change in any module. Members find each other by TCP/IP on a fixed list, never by multicast: a
 * telephony network is no place for a cluster that joins whatever it hears.
 *
 * @param mode {@code off} (the local bus: one process) or {@code hazelcast}
 * @param host the interface this member binds and announces (Hazelcast and the event bus)
 * @param port Hazelcast's port; the next free one is taken when several members share a host
 * @param members {@code host[:port]} of the other members (one is enough to join)
 * @param name the cluster name: deployments that share a network keep apart by it
 */
record Cluster(String mode, String host, int port, List<String> members, String name) {

  static Cluster fromEnv(Map<String, String> environment) {
    Env env = new Env(environment);
    String mode = env.string("TELOPS_CLUSTER", "off").trim().toLowerCase(Locale.ROOT);
    if (!mode.equals("off") && !mode.equals("hazelcast")) {
      throw new ConfigException("TELOPS_CLUSTER=" + mode + " is not a cluster mode: use off (one process) or "
          + "hazelcast (one role per process on a shared event bus)");
    }
    List<String> members = new ArrayList<>();
    for (String m : env.string("TELOPS_CLUSTER_MEMBERS", "127.0.0.1").split(",")) {
      if (!m.isBlank()) {
        members.add(m.trim());
      }
    }
    return new Cluster(mode, env.string("TELOPS_CLUSTER_HOST", "127.0.0.1"),
        env.integer("TELOPS_CLUSTER_PORT", 5701, 1, 65_535), List.copyOf(members),
        env.string("TELOPS_CLUSTER_NAME", "telops"));
  }

  boolean enabled() {
    return mode.equals("hazelcast");
  }

  Map<String, String> describe() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("TELOPS_CLUSTER", mode);
    if (enabled()) {
      m.put("TELOPS_CLUSTER_HOST", host);
      m.put("TELOPS_CLUSTER_PORT", String.valueOf(port));
      m.put("TELOPS_CLUSTER_MEMBERS", String.join(",", members));
      m.put("TELOPS_CLUSTER_NAME", name);
    }
    return m;
  }

  /** Hazelcast: TCP/IP join on the member list, bound to one interface, no phone-home, no multicast. */
  Config hazelcast() {
    Config c = new Config();
    c.setClusterName(name);
    c.setProperty("hazelcast.phone.home.enabled", "false");
    c.setProperty("hazelcast.logging.type", "slf4j");
    // Members are listed, not discovered: no reason to wait the default 5 s for others to show up.
    c.setProperty("hazelcast.wait.seconds.before.join", "1");
    NetworkConfig network = c.getNetworkConfig();
    network.setPort(port).setPortAutoIncrement(true);
    network.getInterfaces().setEnabled(true).addInterface(host);
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(members);
    return c;
  }

  /** A clustered Vert.x when enabled, else a local one; blocks until the member has joined. */
  Vertx start(VertxBuilder builder, VertxOptions options) {
    if (!enabled()) {
      return builder.build();
    }
    options.getEventBusOptions().setHost(host).setClusterPublicHost(host);
    try {
      return builder.withClusterManager(new HazelcastClusterManager(hazelcast())).buildClustered()
          .toCompletionStage().toCompletableFuture().get(60, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
      throw new IllegalStateException("cannot join the telops cluster '" + name + "' on " + host + ":" + port
          + " (members " + members + "): " + cause.getMessage() + " — check TELOPS_CLUSTER_HOST/_MEMBERS, or set "
          + "TELOPS_CLUSTER=off to run everything in one process", cause);
    }
  }
}
