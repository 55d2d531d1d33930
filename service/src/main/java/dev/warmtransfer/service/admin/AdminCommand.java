package dev.warmtransfer.service.admin;

import dev.warmtransfer.service.WarmTransferConfiguration;
import dev.warmtransfer.service.auth.AuthStore;
import dev.warmtransfer.service.auth.Passwords;
import dev.warmtransfer.service.auth.Right;
import dev.warmtransfer.service.auth.Secrets;
import dev.warmtransfer.service.db.Database;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Set;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.jdbi.v3.core.JdbiException;

/**
 * {@code admin <config> add-agent|add-key|revoke-key|list}: agents and API keys, straight in the
 * database. Secrets are printed once and never stored: a password as bcrypt, a key as its digest.
 */
public final class AdminCommand extends ConfiguredCommand<WarmTransferConfiguration> {
  private final PrintStream out;

  public AdminCommand() {
    this(System.out);
  }

  AdminCommand(PrintStream out) {
    super("admin", "Manage agents and API keys (add-agent, add-key, revoke-key, list)");
    this.out = out;
  }

  @Override
  public void configure(Subparser subparser) {
    super.configure(subparser);
    subparser.addArgument("action").choices("add-agent", "add-key", "revoke-key", "list").help("what to do");
    subparser.addArgument("--username").help("add-agent: a-z 0-9 _ -, 2-32 characters");
    subparser.addArgument("--name").help("add-agent: display name; add-key: what the key is for");
    subparser.addArgument("--team").help("add-agent: the agent's team (created when new)");
    subparser.addArgument("--password-stdin").action(Arguments.storeTrue())
        .help("add-agent: read the password from stdin (otherwise one is generated and printed)");
    subparser.addArgument("--rights").setDefault("all")
        .help("add-key: comma-separated: all, tokens, rooms, transfers, calls, agents");
    subparser.addArgument("--id").help("revoke-key: the key's id, as list shows it");
  }

  @Override
  protected void run(Bootstrap<WarmTransferConfiguration> bootstrap, Namespace ns, WarmTransferConfiguration config)
      throws Exception {
    Database db = new Database(config.getDatabase());
    try {
      db.start();
      AuthStore store = new AuthStore(db.jdbi(), Clock.systemUTC());
      switch (ns.getString("action")) {
        case "add-agent" -> addAgent(store, ns);
        case "add-key" -> addKey(store, ns);
        case "revoke-key" -> revokeKey(store, ns);
        default -> list(store);
      }
    } catch (JdbiException | org.flywaydb.core.api.FlywayException e) {
      throw new IllegalStateException("database " + config.getDatabase().describe() + " unavailable ("
          + e.getClass().getSimpleName() + "); an embedded H2 file is locked while the service runs:"
          + " stop it first, or use PostgreSQL (DATABASE_URL)", e);
    } finally {
      db.stop();
    }
  }

  private void addAgent(AuthStore store, Namespace ns) throws Exception {
    String username = required(ns, "username");
    String team = required(ns, "team");
    String name = ns.getString("name") == null ? username : ns.getString("name");
    String password;
    boolean generated = !ns.getBoolean("password_stdin");
    if (generated) {
      password = Secrets.generate("").substring(0, 20);
    } else {
      password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    }
    store.addAgent(username, name, team, Passwords.hash(password));
    out.printf("agent added: username=%s identity=agent-%s team=%s%n", username, username, team);
    if (generated) {
      out.printf("password (shown once): %s%n", password);
    }
  }

  private void addKey(AuthStore store, Namespace ns) {
    String name = required(ns, "name");
    Set<Right> rights = Right.parse(ns.getString("rights"));
    String key = Secrets.generate("wtk_");
    String id = "key-" + Secrets.generate("").substring(0, 10).toLowerCase(java.util.Locale.ROOT);
    store.addKey(id, Secrets.digest(key), name, rights);
    out.printf("key added: id=%s name=%s rights=%s (active within a few seconds)%n", id, name, rights);
    out.printf("key (shown once): %s%n", key);
  }

  private void revokeKey(AuthStore store, Namespace ns) {
    String id = required(ns, "id");
    if (!store.revokeKey(id)) {
      throw new IllegalArgumentException("id: no key " + id);
    }
    out.printf("key revoked: id=%s%n", id);
  }

  private void list(AuthStore store) {
    out.println("agents:");
    for (AuthStore.Agent a : store.agents()) {
      out.printf("  %-16s %-22s %-12s %s%s%n", a.username(), a.identity(), a.team(), a.name(), a.disabled() ? " (disabled)" : "");
    }
    out.println("keys:");
    for (AuthStore.ApiKey k : store.keys()) {
      out.printf("  %-16s %-24s %s%s%n", k.id(), k.name(), k.rights(), k.revoked() ? " (revoked)" : "");
    }
  }

  private static String required(Namespace ns, String option) {
    String v = ns.getString(option);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException("--" + option.replace('_', '-') + " is required");
    }
    return v;
  }
}
