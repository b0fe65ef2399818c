package dev.invitegate.runtime.settings;

import dev.invitegate.contracts.Guid;
import dev.invitegate.runtime.logging.EmailHasher;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads settings from environment variables and collects every problem instead of stopping at the
 * first, so one failed start-up names them all ({@code NAME: problem}, joined by {@code "; "}). The
 * worker and the responder share it, and with it the rules for the variables they share ({@link
 * CosmosSettings}, {@link AdminSettings}). It remembers every variable it was asked for, which is
 * how a test keeps the README's configuration table equal to what each service reads.
 */
public class SettingsReader {

  private static final Pattern GUID = Pattern.compile("[0-9a-fA-F-]{36}");

  private final Map<String, String> env;
  private final List<String> problems = new ArrayList<>();
  private final Set<String> read = new LinkedHashSet<>();

  public SettingsReader(Map<String, String> env) {
    this.env = Objects.requireNonNull(env, "env");
  }

  /** The value without surrounding blanks; empty when unset or blank. */
  public Optional<String> optional(String name) {
    read.add(name);
    return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }

  /**
   * Whether {@code name} is set at all, even to blanks (which {@link #optional} treats as unset).
   */
  public boolean isSet(String name) {
    read.add(name);
    return env.containsKey(name);
  }

  /** Every variable asked for so far, in order. */
  public Set<String> variablesRead() {
    return Collections.unmodifiableSet(read);
  }

  /** A required GUID in canonical (lower-case) form, or null after recording the problem. */
  public String guid(String name) {
    String value = required(name);
    if (value == null) {
      return null;
    }
    Optional<String> guid = GUID.matcher(value).matches() ? Guid.parse(value) : Optional.empty();
    if (guid.isEmpty()) {
      problem(name, "must be a GUID");
      return null;
    }
    return guid.get();
  }

  /** An absolute URL, or null after recording the problem. */
  public URI url(String name, String value) {
    try {
      URI uri = new URI(value);
      if (uri.getScheme() == null || uri.getHost() == null) {
        problem(name, "must be an absolute URL: " + value);
        return null;
      }
      return uri;
    } catch (URISyntaxException e) {
      problem(name, "must be a URL: " + value);
      return null;
    }
  }

  /** A name matching {@code allowed}; {@code fallback} when unset. */
  public String name(String name, String fallback, Pattern allowed) {
    String value = optional(name).orElse(fallback);
    if (!allowed.matcher(value).matches()) {
      problem(name, "'" + value + "' is not a valid name");
    }
    return value;
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

  /** The secret keying the hash that stands for an email in logs; both services read it. */
  public static final String LOG_HASH_KEY = "INVITEGATE_LOG_HASH_KEY";

  /**
   * {@link #LOG_HASH_KEY}, if set; shorter than {@link EmailHasher#MIN_KEY_BYTES} is a problem.
   * Unset, each process hashes with a random key ({@link EmailHasher#forKey}).
   */
  public Optional<String> logHashKey() {
    Optional<String> key = optional(LOG_HASH_KEY);
    if (key.isPresent() && key.get().length() < EmailHasher.MIN_KEY_BYTES) {
      problem(LOG_HASH_KEY, "must have at least " + EmailHasher.MIN_KEY_BYTES + " characters");
    }
    return key;
  }

  /** The attribute holding an invitation code; the responder checks it, commands mask it. */
  public static final String INVITE_CODE_ATTRIBUTE = "INVITEGATE_INVITE_CODE_ATTRIBUTE";

  /** The default of {@link #INVITE_CODE_ATTRIBUTE}. */
  public static final String DEFAULT_INVITE_CODE_ATTRIBUTE = "InviteCode";

  /**
   * {@link #INVITE_CODE_ATTRIBUTE}: {@link #DEFAULT_INVITE_CODE_ATTRIBUTE} when unset, empty (no
   * invitation code) when set but empty.
   */
  public String inviteCodeAttribute() {
    // Set but empty means "none", which optional() cannot tell from unset.
    return isSet(INVITE_CODE_ATTRIBUTE)
        ? optional(INVITE_CODE_ATTRIBUTE).orElse("")
        : DEFAULT_INVITE_CODE_ATTRIBUTE;
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
