package dev.warmtransfer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The launcher says why LiveKit cannot start when its port is taken (it used to end with only
 * "a process exited; stopping", the reason buried in run/livekit.log).
 */
class LauncherPortTest {
  @Test
  void aTakenLiveKitPortIsNamedWithItsHolderBeforeAnythingStarts() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int port = taken.getLocalPort();
      ProcessBuilder pb =
          new ProcessBuilder("./warm-transfer", "livekit")
              .directory(ProjectRoot.find().toFile())
              .redirectErrorStream(true);
      pb.environment().put("LIVEKIT_PORT", String.valueOf(port));
      Process p = pb.start();
      boolean finished = p.waitFor(120, TimeUnit.SECONDS);
      if (!finished) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
      assertThat(finished).as("the launcher gave up on the taken port within 120 s").isTrue();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.exitValue()).as(out).isNotZero();
      assertThat(out)
          .contains("LiveKit needs TCP port " + port + ", which is already in use by java (pid " + ProcessHandle.current().pid() + ")")
          .doesNotContain("starting LiveKit");
    } catch (IOException e) {
      throw new IllegalStateException("cannot run the launcher", e);
    }
  }
}
