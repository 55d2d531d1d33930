package dev.warmtransfer.service.calls;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed, expiring invitations into one room: {@code base64url(room|expiry).base64url(HMAC-SHA256)}.
 * The key is derived from the LiveKit secret (already the service's most guarded value), so a
 * link survives restarts and needs no new configuration; it cannot be used to sign LiveKit tokens.
 */
public final class CallLinks {
  /** A verified link: the one room it opens, and until when. */
  public record Link(String room, Instant expiresAt) {
    public Link {
      Objects.requireNonNull(room, "room");
      Objects.requireNonNull(expiresAt, "expiresAt");
    }
  }

  private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DEC = Base64.getUrlDecoder();
  private final byte[] key;
  private final Duration ttl;
  private final Clock clock;

  public CallLinks(String livekitSecret, Duration ttl, Clock clock) {
    Objects.requireNonNull(livekitSecret, "livekitSecret");
    this.ttl = Objects.requireNonNull(ttl, "ttl");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl <= 0");
    }
    this.key = hmac(livekitSecret.getBytes(StandardCharsets.UTF_8), "warm-transfer call links v1");
  }

  public String sign(String room, Instant expiresAt) {
    byte[] payload = (room + "|" + expiresAt.getEpochSecond()).getBytes(StandardCharsets.UTF_8);
    return ENC.encodeToString(payload) + "." + ENC.encodeToString(hmac(key, payload));
  }

  public Link create(String room) {
    Instant expires = clock.instant().plus(ttl).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    return new Link(room, expires);
  }

  /** The link's room when the signature holds and it has not expired; empty otherwise. */
  public Optional<Link> verify(String link) {
    if (link == null || link.length() > 512) {
      return Optional.empty();
    }
    int dot = link.indexOf('.');
    if (dot <= 0 || dot != link.lastIndexOf('.')) {
      return Optional.empty();
    }
    byte[] payload;
    byte[] mac;
    try {
      payload = DEC.decode(link.substring(0, dot));
      mac = DEC.decode(link.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (!MessageDigest.isEqual(mac, hmac(key, payload))) {
      return Optional.empty();
    }
    String text = new String(payload, StandardCharsets.UTF_8);
    int bar = text.lastIndexOf('|');
    if (bar <= 0) {
      return Optional.empty();
    }
    Instant expires;
    try {
      expires = Instant.ofEpochSecond(Long.parseLong(text.substring(bar + 1)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(expires)) {
      return Optional.empty();
    }
    return Optional.of(new Link(text.substring(0, bar), expires));
  }

  private static byte[] hmac(byte[] key, String data) {
    return hmac(key, data.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 missing from the JVM", e);
    }
  }
}
