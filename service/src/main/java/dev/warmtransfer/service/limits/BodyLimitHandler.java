package dev.warmtransfer.service.limits;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a request's whole body before the application sees it, without holding a thread while bytes
 * trickle in: the servlet stack reads bodies with blocking calls, so a client sending a byte every few
 * seconds would otherwise park a worker thread each (80 of them stopped the service). Bodies over
 * {@code maxBytes} are refused with 413 (at once when Content-Length says so), bodies not complete
 * within {@code timeout} of the request's arrival with 408; both answers close the connection.
 *
 * <p>A body that has already arrived with its headers (nearly every API call) is read and handed on
 * in the same thread, with no timer: scheduling and cancelling one per request woke Jetty's
 * scheduler thread each time and made requests queue on its lock (the /token regression). The
 * deadline is set only once a read has to wait.
 */
public final class BodyLimitHandler extends Handler.Wrapper {
  private static final Logger LOG = LoggerFactory.getLogger(BodyLimitHandler.class);
  private final long maxBytes;
  private final Duration timeout;

  public BodyLimitHandler(Handler next, long maxBytes, Duration timeout) {
    super(next);
    if (maxBytes <= 0 || maxBytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("maxBytes out of range: " + maxBytes);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout <= 0: " + timeout);
    }
    this.maxBytes = maxBytes;
    this.timeout = timeout;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    long declared = request.getLength();
    boolean chunked = request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    if (declared <= 0 && !chunked) {
      return super.handle(request, response, callback);
    }
    if (declared > maxBytes) {
      refuse(request, response, callback, 413, tooLarge());
      return true;
    }
    new Loader(request, response, callback, declared, System.nanoTime()).run();
    return true;
  }

  private String tooLarge() {
    return "request body is larger than " + maxBytes + " bytes";
  }

  private static void refuse(Request request, Response response, Callback callback, int status, String why) {
    LOG.info("event=request_body_refused status={} remote={} path={} reason=\"{}\"",
        status, Request.getRemoteAddr(request), request.getHttpURI().getPath(), why);
    response.getHeaders().put(HttpHeader.CONNECTION, "close");
    Response.writeError(request, response, callback, status, why);
  }

  /** Collects the body as it arrives (demand callbacks), then hands the request on. */
  private final class Loader implements Runnable {
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final long startedNanos;
    private final AtomicBoolean settled = new AtomicBoolean();
    private byte[] body;
    private int size;
    // Set (once) by the first read that has to wait; only the loader's own thread touches it then.
    private Scheduler.Task deadline;

    Loader(Request request, Response response, Callback callback, long declared, long startedNanos) {
      this.request = request;
      this.response = response;
      this.callback = callback;
      this.startedNanos = startedNanos;
      this.body = new byte[(int) Math.max(declared, 256)];
    }

    private void expire() {
      if (settled.compareAndSet(false, true)) {
        refuse(request, response, callback, 408, "request body not received within " + timeout.toSeconds() + " s");
      }
    }

    /** Settles the request once; false when the deadline (or a failure) settled it first. */
    private boolean settle() {
      if (!settled.compareAndSet(false, true)) {
        return false;
      }
      if (deadline != null) {
        deadline.cancel();
      }
      return true;
    }

    /** Before the first wait: the time left of the body's allowance, counted from its arrival. */
    private void armDeadline() {
      if (deadline == null) {
        long left = timeout.toNanos() - (System.nanoTime() - startedNanos);
        deadline = request.getComponents().getScheduler().schedule(this::expire, Math.max(0, left), TimeUnit.NANOSECONDS);
      }
    }

    /** Reads what has arrived; asks to be called again when more does. Never blocks. */
    @Override
    public void run() {
      while (!settled.get()) {
        Content.Chunk chunk = request.read();
        if (chunk == null) {
          armDeadline();
          request.demand(this);
          return;
        }
        if (Content.Chunk.isFailure(chunk)) {
          if (settle()) {
            refuse(request, response, callback, 400, "request body could not be read");
          }
          return;
        }
        boolean last = chunk.isLast();
        ByteBuffer bytes = chunk.getByteBuffer();
        int n = bytes.remaining();
        if ((long) size + n > maxBytes) {
          chunk.release();
          if (settle()) {
            refuse(request, response, callback, 413, tooLarge());
          }
          return;
        }
        if (size + n > body.length) {
          body = Arrays.copyOf(body, (int) Math.min(maxBytes, Math.max((long) body.length * 2, size + n)));
        }
        bytes.get(body, size, n);
        size += n;
        chunk.release();
        if (last) {
          if (settle()) {
            dispatch();
          }
          return;
        }
      }
    }

    private void dispatch() {
      Request whole = new WholeBody(request, ByteBuffer.wrap(body, 0, size));
      try {
        if (!getHandler().handle(whole, response, callback)) {
          Response.writeError(request, response, callback, 404);
        }
      } catch (Throwable t) {
        Response.writeError(request, response, callback, t);
      }
    }
  }

  /** The request with its body already in memory: reads never wait. */
  private static final class WholeBody extends Request.Wrapper {
    private Content.Chunk pending;

    WholeBody(Request wrapped, ByteBuffer body) {
      super(wrapped);
      this.pending = Content.Chunk.from(body, true);
    }

    @Override
    public long getLength() {
      return pending == null ? super.getLength() : pending.remaining();
    }

    @Override
    public synchronized Content.Chunk read() {
      Content.Chunk next = pending;
      pending = null;
      return next == null ? Content.Chunk.EOF : next;
    }

    @Override
    public void demand(Runnable demandCallback) {
      demandCallback.run();
    }
  }
}
