package dev.warmtransfer.service.auth;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one list of what may be reached without a credential. Everything not named here is
 * protected: a new endpoint is closed until someone opens it on purpose.
 */
public final class Access {
  /** How a request is treated before any resource sees it. */
  public enum Rule {
    /** A credential is required; none or a bad one is a 401. */
    PROTECTED,
    /** Anyone may call; a credential, when sent, is still checked and passed on. */
    OPEN,
    /** Carries its own credential in Authorization (LiveKit's signed webhook, the bot's token): left alone here. */
    OWN_CREDENTIAL
  }

  // One segment of a static file name: no leading dot, so neither "." nor ".." nor hidden files.
  private static final String SEGMENT = "[A-Za-z0-9_-][A-Za-z0-9_.-]*";
  private static final Pattern DOCS = Pattern.compile("^docs(/" + SEGMENT + ")?$");
  private static final Pattern ASSETS = Pattern.compile("^assets(/" + SEGMENT + ")+$");
  private static final Pattern INTERNAL = Pattern.compile("^internal(/" + SEGMENT + ")+$");
  private static final Set<String> OPEN_READS =
      Set.of("", "index.html", "favicon.ico", "health", "ready", "openapi.json", "openapi.yaml");
  private static final Set<String> OPEN_POSTS = Set.of("login", "logout", "calls");

  private final boolean devMode;

  public Access(boolean devMode) {
    this.devMode = devMode;
  }

  /**
   * @param method the HTTP method
   * @param path the decoded path without its leading slash, as JAX-RS matches it
   */
  public Rule rule(String method, String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    if (p.equals("livekit/webhook") || INTERNAL.matcher(p).matches()) {
      return Rule.OWN_CREDENTIAL;
    }
    boolean read = method.equals("GET") || method.equals("HEAD");
    if (read && (OPEN_READS.contains(p) || DOCS.matcher(p).matches() || ASSETS.matcher(p).matches())) {
      return Rule.OPEN;
    }
    if (method.equals("POST") && OPEN_POSTS.contains(p)) {
      return Rule.OPEN;
    }
    // The seed's demo join form, where a caller names its room, lives on in dev mode only;
    // TokenResource still refuses an anonymous agent token.
    if (devMode && method.equals("POST") && p.equals("token")) {
      return Rule.OPEN;
    }
    return Rule.PROTECTED;
  }

  public boolean devMode() {
    return devMode;
  }
}
