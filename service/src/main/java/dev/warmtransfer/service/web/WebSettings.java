package dev.warmtransfer.service.web;

/**
 * How the web app behaves. {@code devMode} offers the seed's demo join form (any identity, any
 * room); production callers come only through "Call us" or a call link.
 *
 * @param devMode read from {@code WT_DEV_MODE} ("true" turns it on; off when unset)
 */
public record WebSettings(boolean devMode) {
  public static WebSettings fromEnvironment() {
    return new WebSettings("true".equalsIgnoreCase(System.getenv("WT_DEV_MODE")));
  }
}
