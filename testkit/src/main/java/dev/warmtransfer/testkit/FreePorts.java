package dev.warmtransfer.testkit;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for servers that a test starts before they bind, chosen below the kernel's ephemeral range.
 *
 * <p>Why not "bind port 0, close, hand the port on": that port comes from the ephemeral range, and
 * in the moment before the server binds it the kernel may give it to any outgoing connection (HTTP,
 * JDBC, ICE). LiveKit then exits 0 with "address already in use". The kernel never hands out ports
 * below the range by itself, so only another explicit choice can take one.
 */
public final class FreePorts {
  /** How far below the ephemeral range ports are chosen. */
  private static final int SPAN = 12_000;
  private static final int ATTEMPTS = 500;
  /** Handed out in this JVM: two servers of one test must not be given the same port. */
  private static final Set<Integer> GIVEN = new HashSet<>();

  private FreePorts() {}

  /** A TCP port that {@code host} can listen on now, outside the ephemeral range. */
  public static int tcp(String host) {
    return pick(host, false);
  }

  /** A UDP port that {@code host} can bind now, outside the ephemeral range. */
  public static int udp(String host) {
    return pick(host, true);
  }

  /** The lowest port the kernel gives out by itself (32768 where it cannot be read). */
  static int ephemeralLow() {
    try {
      // readAllLines, not readString: the JDK reads a /proc file of "size 0" as one byte.
      String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim();
      return Integer.parseInt(range.split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return 32768;
    }
  }

  private static synchronized int pick(String host, boolean udp) {
    InetAddress addr;
    try {
      addr = InetAddress.getByName(host);
    } catch (IOException e) {
      throw new IllegalArgumentException("host: cannot resolve " + host, e);
    }
    int high = ephemeralLow();
    int low = Math.max(1024, high - SPAN);
    if (high - low < 100) {
      throw new IllegalStateException("the ephemeral range starts at " + high + ": no room below it for test servers");
    }
    for (int i = 0; i < ATTEMPTS; i++) {
      int port = ThreadLocalRandom.current().nextInt(low, high);
      if (!GIVEN.contains(port) && bindable(addr, port, udp)) {
        GIVEN.add(port);
        return port;
      }
    }
    throw new IllegalStateException("no free " + (udp ? "UDP" : "TCP") + " port in " + low + ".." + high + " on " + host);
  }

  private static boolean bindable(InetAddress addr, int port, boolean udp) {
    try {
      if (udp) {
        new DatagramSocket(new InetSocketAddress(addr, port)).close();
      } else {
        try (ServerSocket s = new ServerSocket()) {
          s.bind(new InetSocketAddress(addr, port));
        }
      }
      return true;
    } catch (IOException taken) {
      return false;
    }
  }
}
