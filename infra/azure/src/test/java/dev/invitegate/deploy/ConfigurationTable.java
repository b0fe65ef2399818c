package dev.invitegate.deploy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The root README's configuration table, the one list of the variables the services read: which
 * service reads each, its default (or {@code required}, or {@code one of these two}) and its
 * meaning.
 */
final class ConfigurationTable {

  /** One row of the table. */
  record Setting(String name, Set<Service> services, String defaultText, String meaning) {

    Setting {
      services = Set.copyOf(services);
    }

    boolean readBy(Service service) {
      return services.contains(service);
    }

    boolean required() {
      return defaultText.equals("required");
    }

    boolean oneOfGroup() {
      return defaultText.startsWith("one of");
    }

    /** The default when the cell is exactly one {@code `literal`}. */
    Optional<String> literalDefault() {
      Matcher m = Pattern.compile("^`([^`]*)`$").matcher(defaultText);
      return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** An integer range the meaning states as {@code (A to B)}. */
    Optional<long[]> range() {
      Matcher m = Pattern.compile("\\((\\d[\\d,]*) to (\\d[\\d,]*)\\)").matcher(meaning);
      if (!m.find()) {
        return Optional.empty();
      }
      return Optional.of(
          new long[] {
            Long.parseLong(m.group(1).replace(",", "")), Long.parseLong(m.group(2).replace(",", ""))
          });
    }
  }

  private final Map<String, Setting> settings;
  private final List<List<String>> oneOfGroups;

  private ConfigurationTable(Map<String, Setting> settings, List<List<String>> oneOfGroups) {
    this.settings = settings;
    this.oneOfGroups = oneOfGroups;
  }

  static ConfigurationTable fromReadme() {
    return parse(Repository.read("README.md"));
  }

  /** Reads the first table under the {@code ## Configuration} heading. */
  static ConfigurationTable parse(String markdown) {
    int heading = markdown.indexOf("\n## Configuration");
    if (heading < 0) {
      throw new IllegalStateException("README.md has no '## Configuration' section");
    }
    Map<String, Setting> settings = new LinkedHashMap<>();
    List<List<String>> groups = new ArrayList<>();
    List<String> group = new ArrayList<>();
    boolean inTable = false;
    for (String line : markdown.substring(heading + 1).split("\n")) {
      String trimmed = line.strip();
      if (!trimmed.startsWith("|")) {
        if (inTable) {
          break;
        }
        continue;
      }
      inTable = true;
      List<String> cells = cells(trimmed);
      if (cells.get(0).equals("variable") || cells.get(0).startsWith("---")) {
        continue;
      }
      if (cells.size() < 4) {
        throw new IllegalStateException("configuration table row without 4 cells: " + line);
      }
      String name = cells.get(0).replace("`", "");
      Setting setting =
          new Setting(
              name,
              services(cells.get(1), name),
              cells.get(2),
              String.join(" | ", cells.subList(3, cells.size())));
      settings.put(name, setting);
      if (setting.oneOfGroup()) {
        group.add(name);
      } else if (!group.isEmpty()) {
        groups.add(List.copyOf(group));
        group.clear();
      }
    }
    if (!group.isEmpty()) {
      groups.add(List.copyOf(group));
    }
    if (settings.isEmpty()) {
      throw new IllegalStateException("README.md's configuration section has no table rows");
    }
    return new ConfigurationTable(Map.copyOf(settings), List.copyOf(groups));
  }

  private static List<String> cells(String row) {
    String inner = row.substring(1, row.endsWith("|") ? row.length() - 1 : row.length());
    List<String> cells = new ArrayList<>();
    for (String cell : inner.split("\\|")) {
      cells.add(cell.strip());
    }
    return cells;
  }

  private static Set<Service> services(String cell, String name) {
    return switch (cell) {
      case "both" -> EnumSet.allOf(Service.class);
      case "worker" -> EnumSet.of(Service.WORKER);
      case "responder" -> EnumSet.of(Service.RESPONDER);
      default ->
          throw new IllegalStateException(
              "configuration table: service of "
                  + name
                  + " is '"
                  + cell
                  + "', not both/worker/responder");
    };
  }

  Optional<Setting> get(String name) {
    return Optional.ofNullable(settings.get(name));
  }

  Setting require(String name) {
    return get(name)
        .orElseThrow(
            () -> new AssertionError(name + " is not in the README's configuration table"));
  }

  List<Setting> readBy(Service service) {
    return settings.values().stream().filter(s -> s.readBy(service)).toList();
  }

  /**
   * Variables of which exactly one must be set, per service (the {@code one of these two} rows).
   */
  List<List<String>> oneOfGroups(Service service) {
    return oneOfGroups.stream().filter(g -> settings.get(g.get(0)).readBy(service)).toList();
  }
}
