package dev.invitegate.responder.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The load generator: one pre-encoded HTTP/1.1 request sent over a pool of keep-alive connections
 * by one selector thread, in the spirit of wrk. The benchmark shares two cores with what it
 * measures, so its own cost per call must be small: {@code java.net.http.HttpClient} spent about
 * 0.65 ms of CPU per call at 1,000 calls/s here, more than half of what the responder itself spent;
 * this spends a few tens of microseconds.
 *
 * <p>A call succeeds when the answer is a 200 whose body contains the expected text. Responses must
 * carry a {@code Content-Length} (Helidon's do for a byte array); anything else fails the call and
 * closes the connection. A call that never gets an answer is the caller's to time out; its
 * connection stays busy until the answer comes or the server closes it.
 */
final class RawHttpLoad implements AutoCloseable {

  private static final int READ_BUFFER = 64 * 1024;
  private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};
  private static final byte[] CONTENT_LENGTH =
      "\r\ncontent-length:".getBytes(StandardCharsets.US_ASCII);

  private final InetSocketAddress address;
  private final byte[] request;
  private final byte[] expected;
  private final int maxConnections;
  private final Selector selector;
  private final Thread loop;
  private final ConcurrentLinkedQueue<CompletableFuture<Boolean>> submitted =
      new ConcurrentLinkedQueue<>();
  // Selector thread only from here on.
  private final ArrayDeque<Connection> idle = new ArrayDeque<>();
  private final ArrayDeque<CompletableFuture<Boolean>> waiting = new ArrayDeque<>();
  private int open;
  private volatile boolean running = true;

  /**
   * @param path the request target, for example {@code /entra/events}
   * @param headers extra header lines, each {@code "Name: value"}
   * @param expected text the answer's body must contain, or empty for any 200
   */
  RawHttpLoad(
      int port,
      String path,
      java.util.List<String> headers,
      byte[] body,
      String expected,
      int maxConnections) {
    this.address = new InetSocketAddress("127.0.0.1", port);
    StringBuilder head =
        new StringBuilder()
            .append("POST ")
            .append(path)
            .append(" HTTP/1.1\r\nHost: 127.0.0.1:")
            .append(port)
            .append("\r\n");
    headers.forEach(h -> head.append(h).append("\r\n"));
    head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
    byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
    this.request = new byte[headBytes.length + body.length];
    System.arraycopy(headBytes, 0, request, 0, headBytes.length);
    System.arraycopy(body, 0, request, headBytes.length, body.length);
    this.expected = expected.getBytes(StandardCharsets.UTF_8);
    this.maxConnections = maxConnections;
    try {
      this.selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.loop = Thread.ofPlatform().daemon().name("raw-http-" + port).start(this::run);
  }

  /** Sends the request once; completes with whether the answer was the expected one. */
  CompletableFuture<Boolean> send() {
    CompletableFuture<Boolean> answer = new CompletableFuture<>();
    submitted.add(answer);
    selector.wakeup();
    return answer;
  }

  @Override
  public void close() {
    running = false;
    selector.wakeup();
    try {
      loop.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    try (selector) {
      while (running) {
        selector.select();
        for (CompletableFuture<Boolean> call; (call = submitted.poll()) != null; ) {
          dispatch(call);
        }
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
          SelectionKey key = keys.next();
          keys.remove();
          Connection connection = (Connection) key.attachment();
          try {
            connection.ready(key);
          } catch (IOException | RuntimeException e) {
            connection.fail(e);
          }
        }
      }
    } catch (IOException | ClosedSelectorException e) {
      // Closing; calls still outstanding are timed out by the caller.
    }
  }

  private void dispatch(CompletableFuture<Boolean> call) {
    Connection connection = idle.poll();
    if (connection != null) {
      connection.start(call);
      return;
    }
    if (open >= maxConnections) {
      waiting.add(call);
      return;
    }
    try {
      SocketChannel channel = SocketChannel.open();
      channel.configureBlocking(false);
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      open++;
      Connection fresh = new Connection(channel);
      fresh.call = call;
      if (channel.connect(address)) {
        fresh.key = channel.register(selector, 0, fresh);
        fresh.start(call);
      } else {
        fresh.key = channel.register(selector, SelectionKey.OP_CONNECT, fresh);
      }
    } catch (IOException e) {
      open--;
      call.completeExceptionally(e);
    }
  }

  /** One keep-alive connection, carrying one call at a time. */
  private final class Connection {
    private final SocketChannel channel;
    private final ByteBuffer in = ByteBuffer.allocate(READ_BUFFER);
    private SelectionKey key;
    private CompletableFuture<Boolean> call;
    private ByteBuffer out;

    Connection(SocketChannel channel) {
      this.channel = channel;
    }

    void start(CompletableFuture<Boolean> next) {
      call = next;
      in.clear();
      out = ByteBuffer.wrap(request);
      try {
        write();
      } catch (IOException e) {
        fail(e);
      }
    }

    void ready(SelectionKey selected) throws IOException {
      if (selected.isConnectable()) {
        channel.finishConnect();
        start(call);
        return;
      }
      if (selected.isWritable()) {
        write();
      }
      if (selected.isValid() && selected.isReadable()) {
        read();
      }
    }

    private void write() throws IOException {
      channel.write(out);
      key.interestOps(out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    private void read() throws IOException {
      if (channel.read(in) < 0) {
        throw new IOException("the server closed the connection");
      }
      int headerEnd = indexOf(in, HEADER_END, 0);
      if (headerEnd < 0) {
        if (!in.hasRemaining()) {
          throw new IOException("response headers larger than " + READ_BUFFER + " bytes");
        }
        return;
      }
      int bodyStart = headerEnd + HEADER_END.length;
      int length = contentLength(headerEnd);
      if (in.position() < bodyStart + length) {
        if (bodyStart + length > in.capacity()) {
          throw new IOException("response body larger than the read buffer");
        }
        return;
      }
      boolean ok =
          status() == 200
              && (expected.length == 0 || indexOf(in, expected, bodyStart) >= 0)
              && in.position() == bodyStart + length;
      CompletableFuture<Boolean> done = call;
      call = null;
      key.interestOps(0);
      CompletableFuture<Boolean> next = waiting.poll();
      if (next != null) {
        start(next);
      } else {
        idle.add(this);
      }
      done.complete(ok);
    }

    private int status() {
      // "HTTP/1.1 200 "
      return (in.get(9) - '0') * 100 + (in.get(10) - '0') * 10 + (in.get(11) - '0');
    }

    private int contentLength(int headerEnd) throws IOException {
      for (int i = 0; i + CONTENT_LENGTH.length <= headerEnd; i++) {
        if (matchesIgnoreCase(i)) {
          int p = i + CONTENT_LENGTH.length;
          while (in.get(p) == ' ') {
            p++;
          }
          int value = 0;
          for (byte b; (b = in.get(p)) >= '0' && b <= '9'; p++) {
            value = value * 10 + (b - '0');
          }
          return value;
        }
      }
      throw new IOException("no Content-Length in the response");
    }

    private boolean matchesIgnoreCase(int at) {
      for (int j = 0; j < CONTENT_LENGTH.length; j++) {
        int c = in.get(at + j);
        if (c >= 'A' && c <= 'Z') {
          c += 'a' - 'A';
        }
        if (c != CONTENT_LENGTH[j]) {
          return false;
        }
      }
      return true;
    }

    void fail(Exception e) {
      open--;
      idle.remove(this);
      try {
        channel.close();
      } catch (IOException ignored) {
        // Already failing.
      }
      if (call != null) {
        call.completeExceptionally(e);
        call = null;
      }
      CompletableFuture<Boolean> next = waiting.poll();
      if (next != null) {
        dispatch(next);
      }
    }
  }

  /** Index of {@code needle} in the bytes read so far, from {@code from}, or -1. */
  private static int indexOf(ByteBuffer haystack, byte[] needle, int from) {
    int end = haystack.position() - needle.length;
    outer:
    for (int i = from; i <= end; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack.get(i + j) != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "RawHttpLoad[%s, %d connections open]", address, open);
  }
}
