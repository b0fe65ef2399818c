package dev.invitegate.local.system;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The ports the system listens on, each checked free before anything starts. */
final class Ports {

  private Ports() {}

  /**
   * @param ports what each port is for to its number (0: a free one, not checked)
   * @throws IllegalStateException naming every port already in use and what it was for
   */
  static void requireFree(Map<String, Integer> ports) {
    List<String> taken = new ArrayList<>();
    ports.forEach(
        (what, port) -> {
          if (port != 0 && !isFree(port)) {
            taken.add(what + " port " + port);
          }
        });
    if (!taken.isEmpty()) {
      throw new IllegalStateException(
          String.join(", ", taken)
              + (taken.size() == 1 ? " is" : " are")
              + " already in use: stop what listens there, or choose another port (see --help)");
    }
  }

  /** {@code port}, or a free port when it is 0 (a port the system must know to reach it). */
  static int resolve(int port) {
    if (port != 0) {
      return port;
    }
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port on this machine", e);
    }
  }

  static boolean isFree(int port) {
    for (InetAddress address : new InetAddress[] {InetAddress.getLoopbackAddress(), any()}) {
      try (ServerSocket socket = new ServerSocket()) {
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(address, port));
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }

  private static InetAddress any() {
    try {
      return InetAddress.getByName("0.0.0.0");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
