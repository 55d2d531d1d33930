package dev.warmtransfer.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server for tests (Debian's {@code postgresql} package): a fresh cluster in a
 * temporary directory, on a free loopback port, stopped and removed on {@link #close()}. PostgreSQL
 * refuses to run as root, so under root it runs as the {@code postgres} user.
 */
public final class PostgresServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);
  public static final String USER = "postgres";
  private static final String HOST = "127.0.0.1";
  private final AtomicInteger databases = new AtomicInteger();
  private final Path bin;
  private final Path dir;
  private final int port;
  private final boolean asPostgresUser;
  private boolean running;

  private PostgresServer(Path bin, Path dir, int port, boolean asPostgresUser) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    this.asPostgresUser = asPostgresUser;
  }

  /** Creates the cluster and starts the server; takes a few seconds. */
  public static PostgresServer start() {
    try {
      boolean root = "root".equals(System.getProperty("user.name"));
      Path dir = Files.createTempDirectory("postgres-test-");
      if (root) {
        UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(dir, users.lookupPrincipalByName(USER));
      }
      PostgresServer server = new PostgresServer(binaries(), dir, FreePorts.tcp(HOST), root);
      server.initdb();
      server.launch();
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "postgres-test-stop"));
      return server;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start PostgreSQL: " + e.getMessage(), e);
    }
  }

  public int port() {
    return port;
  }

  /** A JDBC URL for one database of this server. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://" + HOST + ":" + port + "/" + database;
  }

  /** Creates a new empty database (so test classes never see each other's rows); returns its URL. */
  public String newDatabase() {
    String name = "test_" + databases.incrementAndGet();
    run(List.of(bin.resolve("createdb").toString(), "-h", HOST, "-p", String.valueOf(port), "-U", USER, name), false);
    return jdbcUrl(name);
  }

  public Path logFile() {
    return dir.resolve("postgres.log");
  }

  @Override
  public synchronized void close() {
    if (running) {
      running = false;
      try {
        pgCtl("stop", "-m", "immediate");
      } catch (RuntimeException e) {
        LOG.warn("event=postgres_stop_failed error=\"{}\"", e.getMessage());
      }
    }
    deleteTree(dir);
  }

  private void initdb() {
    run(
        List.of(
            bin.resolve("initdb").toString(),
            "-D", dir.resolve("data").toString(),
            "-U", USER,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C",
            "--no-sync"),
        true);
  }

  private synchronized void launch() {
    // Durability settings off: a test cluster lives for one test run.
    String options =
        "-p " + port + " -c listen_addresses=" + HOST + " -k " + dir
            + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
    pgCtl("start", "-w", "-t", "60", "-o", options, "-l", logFile().toString());
    running = true;
    LOG.info("event=postgres_started port={} dir={}", port, dir);
  }

  private void pgCtl(String... args) {
    List<String> cmd = new ArrayList<>(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString()));
    cmd.addAll(List.of(args));
    run(cmd, true);
  }

  private void run(List<String> command, boolean asServerUser) {
    List<String> cmd = new ArrayList<>();
    if (asServerUser && asPostgresUser) {
      cmd.addAll(List.of("runuser", "-u", USER, "--"));
    }
    cmd.addAll(command);
    try {
      Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(90, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(command.get(0) + " did not finish");
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(
            Path.of(command.get(0)).getFileName() + " exited with " + p.exitValue() + ": "
                + new String(out, StandardCharsets.UTF_8).strip());
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + command.get(0), e);
    }
  }

  /** {@code PG_BIN}, else the newest {@code /usr/lib/postgresql/<version>/bin} (Debian's layout). */
  static Path binaries() throws IOException {
    String env = System.getenv("PG_BIN");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    Path root = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(root)) {
      try (Stream<Path> versions = Files.list(root)) {
        Path newest =
            versions
                .filter(p -> Files.isExecutable(p.resolve("bin/initdb")))
                .max(Comparator.comparingInt(PostgresServer::versionOf))
                .orElse(null);
        if (newest != null) {
          return newest.resolve("bin");
        }
      }
    }
    throw new IllegalStateException(
        "PostgreSQL not found under " + root + ": install the Debian package postgresql (or set PG_BIN)");
  }

  private static int versionOf(Path p) {
    try {
      return Integer.parseInt(p.getFileName().toString().replaceAll("\\D.*", ""));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.warn("event=postgres_cleanup_failed dir={} error=\"{}\"", root, e.getMessage());
    }
  }
}
