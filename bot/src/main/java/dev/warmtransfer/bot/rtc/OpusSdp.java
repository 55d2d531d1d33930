package dev.warmtransfer.bot.rtc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Our Opus encoder's settings, written into LiveKit's answer to our publisher offer before we
 * apply it: WebRTC configures its Opus encoder from the fmtp parameters of the remote
 * description ({@code ptime}, {@code maxplaybackrate}, {@code usedtx}, {@code useinbandfec},
 * {@code maxaveragebitrate}), and webrtc-java has no other way to set them.
 */
final class OpusSdp {
  private static final Pattern RTPMAP = Pattern.compile("(?m)^a=rtpmap:(\\d+) opus/48000(/\\d+)?\\r?$");

  private OpusSdp() {}

  /** The parameters given by system properties {@code wt.opus.<name>}, for the benches to compare. */
  static Map<String, String> configured() {
    Map<String, String> p = new LinkedHashMap<>();
    for (String name : new String[] {"ptime", "maxplaybackrate", "usedtx", "useinbandfec", "maxaveragebitrate"}) {
      String v = System.getProperty("wt.opus." + name);
      if (v != null && !v.isBlank()) {
        p.put(name, v.trim());
      }
    }
    return p;
  }

  /** {@code sdp} with {@code params} set (added or replaced) on Opus's fmtp line; unchanged without Opus. */
  static String withParams(String sdp, Map<String, String> params) {
    if (params.isEmpty()) {
      return sdp;
    }
    Matcher m = RTPMAP.matcher(sdp);
    if (!m.find()) {
      return sdp;
    }
    String pt = m.group(1);
    Matcher fmtp = Pattern.compile("(?m)^a=fmtp:" + pt + " ([^\\r\\n]*)(\\r?)$").matcher(sdp);
    if (fmtp.find()) {
      Map<String, String> merged = new LinkedHashMap<>();
      for (String kv : fmtp.group(1).split(";")) {
        int eq = kv.indexOf('=');
        if (eq > 0) {
          merged.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
        }
      }
      merged.putAll(params);
      return sdp.substring(0, fmtp.start()) + "a=fmtp:" + pt + " " + join(merged) + fmtp.group(2) + sdp.substring(fmtp.end());
    }
    String eol = sdp.contains("\r\n") ? "\r\n" : "\n";
    int lineEnd = sdp.indexOf('\n', m.start()) + 1;
    return sdp.substring(0, lineEnd) + "a=fmtp:" + pt + " " + join(params) + eol + sdp.substring(lineEnd);
  }

  private static String join(Map<String, String> params) {
    StringBuilder b = new StringBuilder();
    params.forEach((k, v) -> b.append(b.length() == 0 ? "" : ";").append(k).append('=').append(v));
    return b.toString();
  }
}
