package dev.invitegate.worker.allowlist;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The columns of an allow-list file, from its header row: {@code email} (required), the optional
 * {@code applicationId}, {@code expiresAt}, {@code roles}, {@code locked}, {@code state}, {@code
 * time} and {@code eventId} (names in any letter case), and one {@code attr.<name>} or {@code
 * attr.<name>:<type>} column per attribute. Any other column is an error: a misspelt {@code role}
 * column silently ignored would invite people without their roles.
 */
public final class Columns {

  public static final String EMAIL = "email";
  public static final String APPLICATION_ID = "applicationId";
  public static final String STATE = "state";
  public static final String EXPIRES_AT = "expiresAt";
  public static final String ROLES = "roles";
  public static final String LOCKED = "locked";
  public static final String TIME = "time";
  public static final String EVENT_ID = "eventId";
  public static final String ATTRIBUTE_PREFIX = "attr.";

  /** The fixed columns in the order export writes them, before the attribute columns. */
  public static final List<String> FIXED =
      List.of(EMAIL, APPLICATION_ID, STATE, EXPIRES_AT, ROLES, LOCKED, TIME, EVENT_ID);

  /** What separates roles, and locked attribute names, within one cell. */
  public static final char LIST_SEPARATOR = ';';

  /**
   * An attribute column.
   *
   * @param index where the column is in the row
   */
  public record Attribute(String name, AttributeType type, int index) {
    public Attribute {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
    }

    /** The header cell: {@code attr.<name>}, with {@code :<type>} unless a string. */
    public String header() {
      return header(name, type);
    }

    public static String header(String name, AttributeType type) {
      return ATTRIBUTE_PREFIX + name + (type == AttributeType.STRING ? "" : ":" + type.label());
    }
  }

  private final Map<String, Integer> fixed;
  private final List<Attribute> attributes;
  private final List<Integer> unnamed;
  private final int width;

  private Columns(
      Map<String, Integer> fixed, List<Attribute> attributes, List<Integer> unnamed, int width) {
    this.fixed = Map.copyOf(fixed);
    this.attributes = List.copyOf(attributes);
    this.unnamed = List.copyOf(unnamed);
    this.width = width;
  }

  /**
   * Reads a header row.
   *
   * @throws IllegalArgumentException naming every unknown, repeated or malformed column, or the
   *     missing {@code email}; never repeating a cell that does not look like a column name
   */
  public static Columns fromHeader(List<String> header) {
    Map<String, String> byLowerCase = new HashMap<>();
    FIXED.forEach(name -> byLowerCase.put(name.toLowerCase(Locale.ROOT), name));
    Map<String, Integer> fixed = new HashMap<>();
    List<Attribute> attributes = new ArrayList<>();
    Set<String> attributeNames = new TreeSet<>();
    List<String> problems = new ArrayList<>();
    List<Integer> unnamed = new ArrayList<>();
    for (int i = 0; i < header.size(); i++) {
      if (header.get(i).contains("@")) {
        // A row of data where the header should be: say so without repeating any of it.
        throw new IllegalArgumentException(
            "the first line looks like data (column "
                + (i + 1)
                + " holds an email address): the file must start with a header row naming its"
                + " columns, e.g. email,roles");
      }
    }
    for (int i = 0; i < header.size(); i++) {
      String cell = header.get(i).strip();
      String column = "column " + (i + 1);
      if (cell.isEmpty()) {
        // Spreadsheets leave unnamed columns at the end; a row with a value in one is invalid.
        unnamed.add(i);
        continue;
      }
      String known = byLowerCase.get(cell.toLowerCase(Locale.ROOT));
      if (known != null) {
        if (fixed.putIfAbsent(known, i) != null) {
          problems.add("column " + known + " appears twice");
        }
        continue;
      }
      if (cell.regionMatches(true, 0, ATTRIBUTE_PREFIX, 0, ATTRIBUTE_PREFIX.length())) {
        String problem = attribute(cell.substring(ATTRIBUTE_PREFIX.length()), i, attributes);
        if (problem != null) {
          problems.add(problem);
        } else if (!attributeNames.add(attributes.getLast().name())) {
          problems.add("attribute " + attributes.getLast().name() + " has two columns");
        }
        continue;
      }
      problems.add(
          "unknown column '"
              + cell
              + "' (columns: "
              + String.join(", ", FIXED)
              + " and attr.<name>[:string|int64|boolean])");
    }
    if (!fixed.containsKey(EMAIL) && problems.isEmpty()) {
      problems.add("no email column (the first line must be the header row, naming email)");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return new Columns(fixed, attributes, unnamed, header.size());
  }

  private static String attribute(String spec, int index, List<Attribute> attributes) {
    int colon = spec.lastIndexOf(':');
    String name = (colon < 0 ? spec : spec.substring(0, colon)).strip();
    if (name.isEmpty()) {
      return "column " + (index + 1) + ": attr. needs an attribute name, e.g. attr.displayName";
    }
    AttributeType type = AttributeType.STRING;
    if (colon >= 0) {
      String typeName = spec.substring(colon + 1);
      var named = AttributeType.named(typeName);
      if (named.isEmpty()) {
        return "column attr."
            + spec
            + ": unknown type '"
            + typeName.strip()
            + "' (string, int64 or boolean)";
      }
      type = named.get();
    }
    attributes.add(new Attribute(name, type, index));
    return null;
  }

  /** Where column {@code name} (one of {@link #FIXED}) is, or -1 if the file has none. */
  int index(String name) {
    return fixed.getOrDefault(name, -1);
  }

  public List<Attribute> attributes() {
    return attributes;
  }

  /** The columns without a name in the header: their cells must be empty. */
  List<Integer> unnamed() {
    return unnamed;
  }

  /** How many columns the header has. */
  int width() {
    return width;
  }
}
