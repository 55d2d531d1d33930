package dev.warmtransfer.bot.rtc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.onvoid.webrtc.RTCIceCandidate;

/** ICE candidates as LiveKit's trickle messages carry them: the browser's RTCIceCandidateInit JSON. */
final class Candidates {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Candidates() {}

  static String toJson(RTCIceCandidate c) {
    var n = JSON.createObjectNode();
    n.put("candidate", c.sdp);
    n.put("sdpMid", c.sdpMid);
    n.put("sdpMLineIndex", c.sdpMLineIndex);
    return n.toString();
  }

  /** The candidate, or null when LiveKit sent something we cannot read (logged by the caller). */
  static RTCIceCandidate fromJson(String json) {
    try {
      JsonNode n = JSON.readTree(json);
      return new RTCIceCandidate(n.path("sdpMid").asText(), n.path("sdpMLineIndex").asInt(), n.path("candidate").asText());
    } catch (Exception e) {
      return null;
    }
  }
}
