import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The slow-sender attack of issue 10, for the benchmark: N connections each send a request head
 * declaring a 100,000-byte body, then one byte of it every few seconds; a connection the server
 * cuts off is opened again, so N stay in flight for the whole run. Prints what the server did.
 *
 * java scripts/SlowSenders.java <port> <connections> <seconds> <seconds between bytes>
 */
public final class SlowSenders {
  private static final byte[] HEAD = ("POST /token HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
      + "Content-Length: 100000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII);

  private static final class Conn {
    final long openedNanos = System.nanoTime();
    long nextByteNanos;
  }

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int n = Integer.parseInt(args[1]);
    long end = System.nanoTime() + Long.parseLong(args[2]) * 1_000_000_000L;
    long gap = Long.parseLong(args[3]) * 1_000_000_000L;
    Selector selector = Selector.open();
    int opened = 0;
    int cut = 0;
    int answered408 = 0;
    int refused = 0;
    List<Double> secondsToCut = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      opened += open(selector, port, gap) ? 1 : 0;
    }
    System.err.println("slow-senders: " + opened + " connections open");
    ByteBuffer in = ByteBuffer.allocate(4096);
    ByteBuffer one = ByteBuffer.allocate(1);
    while (System.nanoTime() < end) {
      selector.select(200);
      Iterator<SelectionKey> it = selector.selectedKeys().iterator();
      while (it.hasNext()) {
        SelectionKey key = it.next();
        it.remove();
        SocketChannel ch = (SocketChannel) key.channel();
        Conn c = (Conn) key.attachment();
        in.clear();
        int read;
        try {
          read = ch.read(in);
        } catch (IOException reset) {
          read = -1;
        }
        if (read > 0 && new String(in.array(), 0, Math.min(read, 12), StandardCharsets.US_ASCII).startsWith("HTTP/1.1 408")) {
          answered408++;
        }
        cut++;
        secondsToCut.add((System.nanoTime() - c.openedNanos) / 1e9);
        key.cancel();
        ch.close();
        if (System.nanoTime() < end) {
          if (open(selector, port, gap)) {
            opened++;
          } else {
            refused++;
          }
        }
      }
      long now = System.nanoTime();
      for (SelectionKey key : selector.keys()) {
        Conn c = (Conn) key.attachment();
        if (key.isValid() && now >= c.nextByteNanos) {
          c.nextByteNanos = now + gap;
          one.clear();
          one.put((byte) ' ').flip();
          try {
            ((SocketChannel) key.channel()).write(one);
          } catch (IOException closed) {
            // seen as readable (end of stream) on the next select
          }
        }
      }
    }
    int open = selector.keys().size();
    for (SelectionKey key : selector.keys()) {
      key.channel().close();
    }
    secondsToCut.sort(Double::compare);
    double median = secondsToCut.isEmpty() ? Double.NaN : secondsToCut.get(secondsToCut.size() / 2);
    System.out.printf("opened=%d cut_off=%d answered_408=%d refused=%d open_at_end=%d median_s_to_cut=%.1f%n",
        opened, cut, answered408, refused, open, median);
  }

  private static boolean open(Selector selector, int port, long gap) {
    try {
      SocketChannel ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
      ch.write(ByteBuffer.wrap(HEAD));
      ch.configureBlocking(false);
      Conn c = new Conn();
      c.nextByteNanos = System.nanoTime() + gap;
      ch.register(selector, SelectionKey.OP_READ, c);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
