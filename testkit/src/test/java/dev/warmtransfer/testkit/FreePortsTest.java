package dev.warmtransfer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Ports for servers started by tests lie where the kernel never hands out ports by itself, and a
 * LiveKit whose first port was taken before it could bind still starts (it used to exit 0 with
 * "address already in use", failing whichever test started it).
 */
class FreePortsTest {
  private static final String HOST = LiveKitServer.defaultHost();

  @Test
  void portsAreBelowTheEphemeralRangeBindableAndNeverGivenTwice() throws Exception {
    int low = FreePorts.ephemeralLow();
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      int tcp = FreePorts.tcp(HOST);
      int udp = FreePorts.udp(HOST);
      assertThat(tcp).isBetween(1024, low - 1);
      assertThat(udp).isBetween(1024, low - 1);
      assertThat(seen.add(tcp)).as("port %d given twice", tcp).isTrue();
      assertThat(seen.add(udp)).as("port %d given twice", udp).isTrue();
    }
    try (ServerSocket s = new ServerSocket()) {
      int port = FreePorts.tcp(HOST);
      s.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
      assertThat(s.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void liveKitWhosePortIsTakenBeforeItBindsStartsOnAnother() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
      try (LiveKitServer livekit = LiveKitServer.builder().httpPort(taken.getLocalPort()).start()) {
        assertThat(livekit.isRunning()).isTrue();
        assertThat(livekit.httpPort()).isNotEqualTo(taken.getLocalPort());
        var c = (java.net.HttpURLConnection) java.net.URI.create(livekit.httpUrl()).toURL().openConnection();
        assertThat(c.getResponseCode()).isEqualTo(200);
      }
    }
  }
}
