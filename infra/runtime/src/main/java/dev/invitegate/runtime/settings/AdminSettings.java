package dev.invitegate.runtime.settings;

/**
 * Where a service serves its health probes and metrics.
 *
 * @param host the address to bind to; all interfaces by default, which container probes need
 * @param port 0 picks a free one
 */
public record AdminSettings(String host, int port) {

  public static final String HOST = "INVITEGATE_ADMIN_HOST";
  public static final String PORT = "INVITEGATE_ADMIN_PORT";

  /** All interfaces. */
  public static final String ALL_INTERFACES = "0.0.0.0";

  /** Reads the admin variables; {@code defaultPort} differs per service. */
  public static AdminSettings read(SettingsReader reader, int defaultPort) {
    return new AdminSettings(
        reader.bindAddress(HOST, ALL_INTERFACES), reader.port(PORT, defaultPort));
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
