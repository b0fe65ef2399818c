package dev.invitegate.runtime.observe;

import dev.invitegate.runtime.StartupFailure;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;

/**
 * Starts a Helidon server so that a port that cannot be had stops start-up with one line. Helidon
 * does not throw when a socket cannot be bound: it logs a stack trace and returns a server that is
 * not running (its port reads -1). So each address is tried first, which names the port, and a
 * server that still did not start (the port taken in between) fails start-up too.
 */
public final class Listening {

  private Listening() {}

  /**
   * @param sockets what each socket is for ("admin port", "Entra port") to its address
   * @throws StartupFailure naming the socket and address that cannot be listened on
   */
  public static WebServer start(
      WebServerConfig.Builder server, Map<String, InetSocketAddress> sockets) {
    sockets.forEach(Listening::requireFree);
    WebServer started = server.build().start();
    if (!started.isRunning()) {
      throw new StartupFailure(
          "cannot listen on " + describe(sockets) + " (another process took a port meanwhile?)");
    }
    return started;
  }

  private static void requireFree(String what, InetSocketAddress address) {
    if (address.getPort() == 0) {
      return;
    }
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(address);
    } catch (BindException e) {
      throw new StartupFailure(
          what + " " + text(address) + " is already in use (" + e.getMessage() + ")", e);
    } catch (IOException | SecurityException e) {
      throw new StartupFailure("cannot listen on " + what + " " + text(address) + ": " + e, e);
    }
  }

  private static String describe(Map<String, InetSocketAddress> sockets) {
    StringBuilder text = new StringBuilder();
    sockets.forEach(
        (what, address) ->
            text.append(text.isEmpty() ? "" : ", ").append(what).append(' ').append(text(address)));
    return text.toString();
  }

  private static String text(InetSocketAddress address) {
    return address.getHostString() + ":" + address.getPort();
  }
}
