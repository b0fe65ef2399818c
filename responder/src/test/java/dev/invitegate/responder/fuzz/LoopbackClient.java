package dev.invitegate.responder.fuzz;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal HTTP/1.1 client on one kept-alive loopback connection: a fuzzing run sends a hundred
 * thousand calls, and the JDK's HttpClient spends more CPU per call than the responder does.
 */
final class LoopbackClient implements AutoCloseable {

  private final int port;
  private final int timeoutMillis;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  /** An HTTP answer; header names in lower case. */
  record Answer(int status, Map<String, String> headers, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  LoopbackClient(int port, Duration timeout) {
    this.port = port;
    this.timeoutMillis = Math.toIntExact(timeout.toMillis());
  }

  /**
   * Posts {@code body}; throws if no complete answer came, within the timeout, over a connection
   * that worked for the call before.
   */
  Answer post(String path, String authorization, byte[] body) throws IOException {
    boolean fresh = socket == null;
    if (fresh) {
      connect();
    }
    byte[] head =
        ("POST "
                + path
                + " HTTP/1.1\r\nHost: 127.0.0.1:"
                + port
                + "\r\nAuthorization: "
                + authorization
                + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
    IOException writeFailure = null;
    try {
      out.write(head);
      out.write(body);
      out.flush();
    } catch (IOException e) {
      // The server may answer (413) and close before it has read everything: read what it said.
      writeFailure = e;
    }
    try {
      Answer answer = read();
      if ("close".equalsIgnoreCase(answer.headers().get("connection"))) {
        close();
      }
      return answer;
    } catch (IOException e) {
      close();
      if (writeFailure != null) {
        e.addSuppressed(writeFailure);
      }
      if (!fresh && writeFailure == null && e instanceof EndOfStream) {
        // The server closed the idle connection before this call: once more on a new one.
        return post(path, authorization, body);
      }
      throw e;
    }
  }

  private void connect() throws IOException {
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(timeoutMillis);
    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), timeoutMillis);
    in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    out = socket.getOutputStream();
  }

  private Answer read() throws IOException {
    String statusLine = line();
    if (statusLine == null) {
      throw new EndOfStream();
    }
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP status line");
    }
    int status = Integer.parseInt(parts[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String header = line(); header != null && !header.isEmpty(); header = line()) {
      int colon = header.indexOf(':');
      if (colon > 0) {
        headers.put(
            header.substring(0, colon).strip().toLowerCase(Locale.ROOT),
            header.substring(colon + 1).strip());
      }
    }
    byte[] body;
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = chunked();
    } else if (headers.containsKey("content-length")) {
      body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
    } else {
      body = new byte[0];
    }
    return new Answer(status, headers, body);
  }

  private byte[] chunked() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String size = line();
      if (size == null) {
        throw new IOException("chunked body cut short");
      }
      int length = Integer.parseInt(size.split(";", 2)[0].strip(), 16);
      if (length == 0) {
        for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {
          // Trailers are not used.
        }
        return body.toByteArray();
      }
      body.write(in.readNBytes(length));
      line();
    }
  }

  /** A line without its CRLF, or null at the end of the stream. */
  private String line() throws IOException {
    StringBuilder line = new StringBuilder();
    for (int b = in.read(); b != -1; b = in.read()) {
      if (b == '\n') {
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r'
            ? line.substring(0, end - 1)
            : line.toString();
      }
      line.append((char) b);
    }
    return line.isEmpty() ? null : line.toString();
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // Closing a socket that failed: nothing left to do.
      }
      socket = null;
    }
  }

  /** The connection ended before an answer began. */
  static final class EndOfStream extends IOException {
    EndOfStream() {
      super("the connection closed before an answer");
    }
  }
}
