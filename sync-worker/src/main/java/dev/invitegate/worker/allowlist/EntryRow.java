package dev.invitegate.worker.allowlist;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.invitegate.contracts.AttributeValues;
import dev.invitegate.contracts.EmailKey;
import dev.invitegate.contracts.ScopeEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One stored entry as export writes it: in the columns import reads, with its own {@code time} and
 * {@code eventId}, so that importing the row gives the very event the store holds.
 *
 * @param scope an application ID, or {@code *} for all applications
 */
public record EntryRow(EmailKey email, String scope, ScopeEntry entry, EntryState state) {

  public EntryRow {
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(state, "state");
  }

  /**
   * Why this entry cannot be a CSV row that imports back to itself, if it cannot: a role or a
   * locked name holding the list separator or surrounding blanks, an attribute name holding {@code
   * :} or surrounding blanks, a blank string value, an event id with surrounding blanks.
   */
  public Optional<String> csvProblem() {
    for (String role : entry.roles()) {
      if (!listItem(role)) {
        return Optional.of("a role holds ';' or surrounding blanks");
      }
    }
    for (String name : entry.lockedAttributes()) {
      if (!listItem(name)) {
        return Optional.of("a locked attribute name holds ';' or surrounding blanks");
      }
    }
    for (var attribute : entry.attributes().entrySet()) {
      String name = attribute.getKey();
      if (name.indexOf(':') >= 0 || !name.equals(name.strip())) {
        return Optional.of("attribute name " + name + " holds ':' or surrounding blanks");
      }
      if (attribute.getValue() instanceof String text && text.isBlank()) {
        return Optional.of("attribute " + name + " holds a blank string");
      }
    }
    if (!entry.eventId().equals(entry.eventId().strip())) {
      return Optional.of("the event id has surrounding blanks");
    }
    return Optional.empty();
  }

  /** The cells of the fixed columns, in {@link Columns#FIXED} order. */
  List<String> fixedCells() {
    List<String> cells = new ArrayList<>(Columns.FIXED.size());
    cells.add(email.value());
    cells.add(scope);
    cells.add(state.label());
    cells.add(entry.expiresAt().map(Instant::toString).orElse(""));
    cells.add(String.join(String.valueOf(Columns.LIST_SEPARATOR), entry.roles()));
    cells.add(String.join(String.valueOf(Columns.LIST_SEPARATOR), entry.lockedAttributes()));
    cells.add(entry.time().toString());
    cells.add(entry.eventId());
    return cells;
  }

  /** The row as one JSON object, the {@code jsonl} format: the same names, typed values. */
  public ObjectNode toJson() {
    ObjectNode row = JsonNodeFactory.instance.objectNode();
    row.put(Columns.EMAIL, email.value());
    row.put(Columns.APPLICATION_ID, scope);
    row.put(Columns.STATE, state.label());
    entry.expiresAt().ifPresent(expiresAt -> row.put(Columns.EXPIRES_AT, expiresAt.toString()));
    if (!entry.roles().isEmpty()) {
      entry.roles().forEach(row.putArray(Columns.ROLES)::add);
    }
    if (!entry.lockedAttributes().isEmpty()) {
      entry.lockedAttributes().forEach(row.putArray(Columns.LOCKED)::add);
    }
    if (!entry.attributes().isEmpty()) {
      ObjectNode attributes = row.putObject("attributes");
      entry
          .attributes()
          .forEach((name, value) -> attributes.set(name, AttributeValues.toJson(value)));
    }
    row.put(Columns.TIME, entry.time().toString());
    row.put(Columns.EVENT_ID, entry.eventId());
    return row;
  }

  private static boolean listItem(String item) {
    return item.indexOf(Columns.LIST_SEPARATOR) < 0 && item.equals(item.strip());
  }
}
