package dev.warmtransfer.service.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warmtransfer.service.WarmTransferApplication;
import dev.warmtransfer.service.WarmTransferConfiguration;
import dev.warmtransfer.service.support.ServiceUnderTest;
import dev.warmtransfer.testkit.LiveKitServer;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.util.JarLocation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** {@code ./warm-transfer admin}: what it adds is what the running service then accepts, with the rights given. */
class AdminCommandTest {
  private final String dbUrl = "jdbc:h2:file:./target/test-db/" + UUID.randomUUID();

  private String admin(String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Bootstrap<WarmTransferConfiguration> bootstrap = new Bootstrap<>(new WarmTransferApplication());
    bootstrap.addCommand(new AdminCommand(out));
    String[] argv = new String[args.length + 2];
    argv[0] = "admin";
    argv[1] = ResourceHelpers.resourceFilePath("test-config.yml");
    System.arraycopy(args, 0, argv, 2, args.length);
    System.setProperty("dw.database.url", dbUrl);
    try {
      Optional<Throwable> error = new Cli(new JarLocation(getClass()), bootstrap, out, out).run(argv);
      assertThat(error).as(bytes.toString(StandardCharsets.UTF_8)).isEmpty();
    } finally {
      System.clearProperty("dw.database.url");
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static String find(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertThat(m.find()).as(regex + " in " + text).isTrue();
    return m.group(1);
  }

  private static int code(Response r) {
    try (r) {
      return r.code();
    }
  }

  @Test
  void keysAndAgentsAddedByTheCommandWorkWithExactlyTheirRights() throws Exception {
    String keyOut = admin("add-key", "--name", "crm", "--rights", "tokens,rooms");
    String key = find(keyOut, "key \\(shown once\\): (wtk_\\S+)");
    String id = find(keyOut, "id=(key-\\S+)");
    String agentOut = admin("add-agent", "--username", "carol", "--name", "Carol Cole", "--team", "sales");
    String password = find(agentOut, "password \\(shown once\\): (\\S+)");
    String listed = admin("list");
    assertThat(listed).contains("carol", "agent-carol", "sales", id, "crm").doesNotContain(key).doesNotContain(password);

    try (LiveKitServer livekit = LiveKitServer.start();
        ServiceUnderTest service = new ServiceUnderTest(livekit, 0, dbUrl)) {
      ServiceUnderTest.Client crm = service.as(key);
      assertThat(code(crm.post("/list-rooms", ""))).isEqualTo(200);
      assertThat(code(crm.post("/token", "{\"identity\":\"agent-x\",\"room\":\"r\",\"role\":\"agent\"}"))).isEqualTo(200);
      // Rights it was not given.
      assertThat(code(crm.post("/call-links", "{\"room\":\"r\"}"))).isEqualTo(403);
      assertThat(code(crm.get("/agents"))).isEqualTo(403);

      assertThat(code(service.asAgent("carol", password).get("/me"))).isEqualTo(200);
    }

    admin("revoke-key", "--id", id);
    try (LiveKitServer livekit = LiveKitServer.start();
        ServiceUnderTest service = new ServiceUnderTest(livekit, 0, dbUrl)) {
      assertThat(code(service.as(key).post("/list-rooms", ""))).isEqualTo(401);
    }
  }
}
