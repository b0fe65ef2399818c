package dev.invitegate.runtime.cosmos;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/** Why a TCP connection to an endpoint cannot be opened, in words an operator can act on. */
final class Reachability {

  private static final int TIMEOUT_MILLIS = 2_000;

  private Reachability() {}

  /** Empty if a connection to the endpoint's host and port opens; else why it does not. */
  static Optional<String> problem(URI endpoint) {
    String host = endpoint.getHost();
    int port = endpoint.getPort() > 0 ? endpoint.getPort() : 443;
    String where = host + ":" + port;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
      return Optional.empty();
    } catch (UnknownHostException e) {
      return Optional.of("unknown host " + host);
    } catch (ConnectException e) {
      return Optional.of("connection refused by " + where);
    } catch (SocketTimeoutException e) {
      return Optional.of("no answer from " + where + " within " + TIMEOUT_MILLIS + " ms");
    } catch (IOException | IllegalArgumentException e) {
      return Optional.of("cannot connect to " + where + ": " + e.getMessage());
    }
  }
}
