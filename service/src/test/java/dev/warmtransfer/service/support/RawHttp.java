package dev.warmtransfer.service.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 over a plain socket, for what well-behaved clients cannot send: paths they would
 * normalize, bodies the server refuses before they are sent (a client library fails with a broken
 * pipe instead of reading the answer).
 */
public final class RawHttp {
  private RawHttp() {}

  /** An answer: status code and body (read until the server closes or the declared length is read). */
  public record Answer(int status, String head, String body) {}

  /** Sends {@code head} (request line and headers, CRLF-separated, without the blank line) and a body. */
  public static Answer send(int port, String head, BodyWriter body, int timeoutMillis) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(timeoutMillis);
      OutputStream out = socket.getOutputStream();
      out.write((head + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      Thread writer = new Thread(() -> {
        try {
          body.write(out);
          out.flush();
        } catch (IOException refusedMidway) {
          // The server answered and closed before taking the whole body: what the test wants to see.
        }
      }, "raw-http-body");
      writer.setDaemon(true);
      writer.start();
      Answer answer = read(socket.getInputStream());
      writer.interrupt();
      return answer;
    }
  }

  public static Answer get(int port, String path, int timeoutMillis) throws IOException {
    return send(port, "GET " + path + " HTTP/1.1\r\nHost: localhost", out -> {}, timeoutMillis);
  }

  /** Reads one response: its head up to the blank line, then its body up to Content-Length or the end. */
  public static Answer read(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int state = 0;
    while (state < 4) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
      state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
    }
    String h = head.toString(StandardCharsets.ISO_8859_1);
    if (h.isEmpty()) {
      return new Answer(-1, "", "");
    }
    int status = Integer.parseInt(h.substring(9, 12));
    int length = -1;
    for (String line : h.split("\r\n")) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    byte[] body = length >= 0 ? in.readNBytes(length) : in.readAllBytes();
    return new Answer(status, h, new String(body, StandardCharsets.UTF_8));
  }

  /** Writes a request body. */
  public interface BodyWriter {
    void write(OutputStream out) throws IOException;
  }
}
