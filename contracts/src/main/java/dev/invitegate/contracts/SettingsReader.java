package dev.invitegate.contracts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads settings from environment variables and collects every problem instead of stopping at the
 * first, so one failed start-up names them all ({@code NAME: problem}, joined by {@code "; "}). The
 * worker and the responder share it, and with it the rules for the variables they share. Each
 * extends it with the variables only it has.
 */
public class SettingsReader {

  private final Map<String, String> env;
  private final List<String> problems = new ArrayList<>();

  public SettingsReader(Map<String, String> env) {
    this.env = Objects.requireNonNull(env, "env");
  }

  /** The value without surrounding blanks; empty when unset or blank. */
  public Optional<String> optional(String name) {
    return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }

  /** The value, or null after recording that it is missing. */
  public String required(String name) {
    Optional<String> value = optional(name);
    if (value.isEmpty()) {
      problem(name, "required but not set");
      return null;
    }
    return value.get();
  }

  /** A whole number from {@code min} to {@code max}; {@code fallback} when unset or invalid. */
  public int integer(String name, int fallback, int min, int max) {
    Optional<String> value = optional(name);
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.get());
      if (parsed < min || parsed > max) {
        problem(name, "must be between " + min + " and " + max + ", was " + parsed);
        return fallback;
      }
      return parsed;
    } catch (NumberFormatException e) {
      problem(name, "must be a whole number, was '" + value.get() + "'");
      return fallback;
    }
  }

  public int port(String name, int fallback) {
    return integer(name, fallback, 0, 65_535);
  }

  /** The admin socket's bind address: all interfaces by default (container probes need them). */
  public static final String ALL_INTERFACES = "0.0.0.0";

  /**
   * An address to bind to: an IPv4 or IPv6 literal, or a host name; {@code fallback} when unset.
   * Names are checked for shape only; binding resolves them.
   */
  public String bindAddress(String name, String fallback) {
    Optional<String> value = optional(name);
    if (value.isEmpty()) {
      return fallback;
    }
    String host = value.get();
    if (!host.matches("[0-9A-Za-z.:%_-]{1,253}")) {
      problem(name, "must be an IP address or a host name, was '" + host + "'");
      return fallback;
    }
    return host;
  }

  public boolean bool(String name, boolean fallback) {
    Optional<String> value = optional(name);
    if (value.isEmpty()) {
      return fallback;
    }
    return switch (value.get().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> {
        problem(name, "must be true or false, was '" + value.get() + "'");
        yield fallback;
      }
    };
  }

  /**
   * {@code INVITEGATE_COSMOS_CONNECTION_MODE}: true for gateway. Unset, gateway for an endpoint on
   * this machine (local emulators speak only the HTTPS gateway protocol), else direct (faster in
   * Azure).
   */
  public boolean cosmosGatewayMode(String name, String endpointHost) {
    Optional<String> value = optional(name);
    if (value.isEmpty()) {
      return isLoopback(endpointHost);
    }
    return switch (value.get().toLowerCase(Locale.ROOT)) {
      case "gateway" -> true;
      case "direct" -> false;
      default -> {
        problem(name, "must be direct or gateway, was '" + value.get() + "'");
        yield false;
      }
    };
  }

  /**
   * The key of the logs' email hash, if set; shorter than {@link EmailHasher#MIN_KEY_BYTES} is a
   * problem.
   */
  public Optional<String> logHashKey(String name) {
    Optional<String> key = optional(name);
    if (key.isPresent() && key.get().length() < EmailHasher.MIN_KEY_BYTES) {
      problem(name, "must have at least " + EmailHasher.MIN_KEY_BYTES + " characters");
    }
    return key;
  }

  public final void problem(String name, String text) {
    problems.add(name + ": " + text);
  }

  /**
   * @throws IllegalArgumentException {@code "Invalid configuration: "} and every problem recorded
   */
  public final void failIfProblems() {
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("Invalid configuration: " + String.join("; ", problems));
    }
  }

  /** Whether {@code host} (as {@link java.net.URI#getHost} gives it) is this machine. */
  public static boolean isLoopback(String host) {
    return host != null
        && ("localhost".equalsIgnoreCase(host)
            || "127.0.0.1".equals(host)
            || "[::1]".equals(host)
            || "::1".equals(host));
  }
}
