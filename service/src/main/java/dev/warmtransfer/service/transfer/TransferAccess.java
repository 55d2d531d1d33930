package dev.warmtransfer.service.transfer;

import jakarta.ws.rs.core.SecurityContext;

/**
 * Who may see and decide a transfer. Until sign-in lands every caller may (the seed's open API),
 * and decisions are recorded in the named agent's name.
 */
public class TransferAccess {
  public boolean maySee(SecurityContext security, Transfer t) {
    return true;
  }

  /** For the event stream: whether the watcher may see this change. */
  public boolean maySee(SecurityContext security, dev.warmtransfer.service.events.TransferFeed.Change change) {
    return true;
  }

  public void requireAgentB(SecurityContext security, Transfer t) {}

  public void requireAgentA(SecurityContext security, Transfer t) {}

  /** The name the timeline records for a decision. */
  public String who(SecurityContext security, String fallback) {
    return fallback;
  }
}
