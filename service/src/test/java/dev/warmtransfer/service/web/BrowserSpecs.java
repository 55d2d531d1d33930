package dev.warmtransfer.service.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.warmtransfer.testkit.LiveKitServer;
import dev.warmtransfer.testkit.ProjectRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one web/e2e node:test file against a running service and LiveKit: its output is the test's
 * output, its exit code the verdict. Screenshots and the spec's log land in web/target/e2e/.
 */
final class BrowserSpecs {
  /** The dev-mode demo agents' password (alice, bob), configured on the service under test. */
  static final String AGENT_PASSWORD = "browser-test-password-0123";

  private BrowserSpecs() {}

  static String run(String spec, String serviceUrl, LiveKitServer livekit, int timeoutSeconds, Map<String, String> extraEnv)
      throws IOException, InterruptedException {
    Path web = ProjectRoot.find().resolve("web");
    Path artefacts = web.resolve("target/e2e");
    Files.createDirectories(artefacts);
    // This spec's screenshots from an earlier run would pass for this run's: remove them.
    String name = spec.replaceAll("\\.(test|bench)\\.mjs$", "");
    try (var old = Files.list(artefacts)) {
      for (Path f : old.filter(f -> f.getFileName().toString().startsWith(name + "-")).toList()) {
        Files.delete(f);
      }
    }
    ProcessBuilder pb = new ProcessBuilder(List.of("node", "--test", "--test-reporter=spec", "e2e/" + spec))
        .directory(web.toFile()).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.put("WT_BASE_URL", serviceUrl);
    env.put("WT_LIVEKIT_URL", livekit.wsUrl());
    env.put("WT_LIVEKIT_HTTP", livekit.httpUrl());
    env.put("WT_LIVEKIT_KEY", livekit.apiKey());
    env.put("WT_LIVEKIT_SECRET", livekit.apiSecret());
    env.put("WT_ARTEFACTS", artefacts.toString());
    env.put("WT_E2E_PASSWORD", AGENT_PASSWORD);
    env.putAll(extraEnv);
    Path log = artefacts.resolve(name + ".log");
    pb.redirectOutput(log.toFile());
    Process p = pb.start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      fail(spec + " did not finish within " + timeoutSeconds + " s; output in " + log + ":\n" + Files.readString(log));
    }
    String out = Files.readString(log);
    System.out.println(out);
    assertThat(p.exitValue()).as("%s failed; output (also in %s):%n%s", spec, log, out).isZero();
    return out;
  }
}
