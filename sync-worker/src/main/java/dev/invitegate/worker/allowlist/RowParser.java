package dev.invitegate.worker.allowlist;

import dev.invitegate.contracts.EmailKey;
import dev.invitegate.contracts.Guid;
import dev.invitegate.contracts.InvitationDocument;
import dev.invitegate.contracts.InvitationEvent;
import dev.invitegate.contracts.InvitationEventParser;
import dev.invitegate.contracts.InvitationEventWriter;
import dev.invitegate.contracts.InvitationGranted;
import dev.invitegate.contracts.InvitationRevoked;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One row's cells to its event, built by the contract's records and written by its writer, exactly
 * as an upstream publisher builds one. Cells are stripped of surrounding blanks, but for attribute
 * values, taken as written; an empty cell is absent and takes the run's default, unless the row has
 * an event id: then it is the event as stored, taken as it is. Not thread-safe (one per file).
 */
final class RowParser {

  private static final String TIME_FORM =
      "an RFC 3339 date-time with offset, e.g. 2026-01-31T09:30:00Z";
  private static final int MAX_EVENT_ID_LENGTH = 256;

  private final Columns columns;
  private final RowDefaults defaults;
  private final InvitationEventWriter writer;

  RowParser(Columns columns, RowDefaults defaults, InvitationEventWriter writer) {
    this.columns = columns;
    this.defaults = defaults;
    this.writer = writer;
  }

  /** The row's event, or why it has none; empty for a row with no value at all. */
  Optional<ImportRow> parse(int line, List<String> raw) {
    List<String> cells = raw.stream().map(String::strip).toList();
    if (cells.stream().allMatch(String::isEmpty)) {
      return Optional.empty();
    }
    if (cells.size() > columns.width()) {
      return Optional.of(
          invalid(
              line,
              null,
              "has "
                  + cells.size()
                  + " cells; the header names "
                  + columns.width()
                  + " columns (quote a value that holds a comma)"));
    }
    String emailCell = cell(cells, Columns.EMAIL);
    if (emailCell.isEmpty()) {
      return Optional.of(invalid(line, null, "email: missing"));
    }
    EmailKey email;
    switch (EmailKey.parse(emailCell)) {
      case EmailKey.Result.Valid valid -> email = valid.key();
      case EmailKey.Result.Invalid invalid -> {
        return Optional.of(
            invalid(line, null, "email: not an email address (" + invalid.reason() + ")"));
      }
    }
    try {
      return Optional.of(ready(line, email, cells, raw));
    } catch (IllegalArgumentException e) {
      return Optional.of(invalid(line, email, e.getMessage()));
    }
  }

  private ImportRow ready(int line, EmailKey email, List<String> cells, List<String> raw) {
    for (int index : columns.unnamed()) {
      if (index < cells.size() && !cells.get(index).isEmpty()) {
        throw new IllegalArgumentException(
            "column " + (index + 1) + " has a value but no name in the header");
      }
    }
    boolean revoked = revoked(cell(cells, Columns.STATE));
    String eventId = cell(cells, Columns.EVENT_ID);
    // A row with its event id (as export writes them) is the stored event: no default fills it.
    boolean asIs = !eventId.isEmpty();
    Optional<String> applicationId = applicationId(cell(cells, Columns.APPLICATION_ID), asIs);
    String scope = applicationId.orElse(InvitationDocument.ALL_APPLICATIONS);
    String timeCell = cell(cells, Columns.TIME);
    Instant time = timeCell.isEmpty() ? defaults.time() : time(Columns.TIME, timeCell);
    if (asIs && timeCell.isEmpty()) {
      throw new IllegalArgumentException(
          "eventId: given without a time (a row with an eventId is sent as it is, so it needs"
              + " its time)");
    }
    if (eventId.length() > MAX_EVENT_ID_LENGTH) {
      throw new IllegalArgumentException(
          "eventId: longer than " + MAX_EVENT_ID_LENGTH + " characters");
    }
    InvitationEvent event;
    if (revoked) {
      List<String> details = grantDetailsPresent(cells);
      if (!details.isEmpty()) {
        throw new IllegalArgumentException(
            "state revoked: a revoke carries no " + String.join(", ", details));
      }
      String id = eventId.isEmpty() ? ImportEventIds.revoked(email.value(), scope, time) : eventId;
      event = new InvitationRevoked(id, defaults.source(), time, email, applicationId);
    } else {
      String expiresCell = cell(cells, Columns.EXPIRES_AT);
      Optional<Instant> expiresAt =
          expiresCell.isEmpty()
              ? (asIs ? Optional.empty() : defaults.expiresAt())
              : Optional.of(time(Columns.EXPIRES_AT, expiresCell));
      SortedMap<String, Object> attributes = attributes(raw);
      List<String> locked = list(cell(cells, Columns.LOCKED));
      List<String> roles = list(cell(cells, Columns.ROLES));
      String id =
          eventId.isEmpty()
              ? ImportEventIds.granted(
                  email.value(), scope, time, expiresAt, attributes, locked, roles)
              : eventId;
      event =
          new InvitationGranted(
              id,
              defaults.source(),
              time,
              email,
              applicationId,
              expiresAt,
              attributes,
              locked,
              roles);
    }
    return new ImportRow.Ready(line, event, writer.write(event));
  }

  private static boolean revoked(String state) {
    return switch (state.toLowerCase(Locale.ROOT)) {
      case "", "invited", "expired" -> false;
      case "revoked" -> true;
      default ->
          throw new IllegalArgumentException(
              "state: must be invited, expired or revoked (empty: invited)");
    };
  }

  private Optional<String> applicationId(String cell, boolean asIs) {
    if (cell.isEmpty()) {
      return asIs ? Optional.empty() : defaults.applicationId();
    }
    if (cell.equals(InvitationDocument.ALL_APPLICATIONS)) {
      return Optional.empty();
    }
    return Optional.of(
        Guid.parse(cell)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "applicationId: must be a GUID, or * for all applications")));
  }

  private static Instant time(String column, String cell) {
    return InvitationEventParser.parseTime(cell)
        .orElseThrow(() -> new IllegalArgumentException(column + ": not " + TIME_FORM));
  }

  /** Attribute values as written, blanks and all (a spreadsheet quotes them to keep them). */
  private SortedMap<String, Object> attributes(List<String> raw) {
    SortedMap<String, Object> attributes = new TreeMap<>();
    for (Columns.Attribute column : columns.attributes()) {
      String cell = column.index() < raw.size() ? raw.get(column.index()) : "";
      if (!cell.isBlank()) {
        try {
          attributes.put(column.name(), column.type().parse(cell));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(column.header() + ": " + e.getMessage(), e);
        }
      }
    }
    return attributes;
  }

  private List<String> grantDetailsPresent(List<String> cells) {
    List<String> present = new ArrayList<>();
    for (String column : List.of(Columns.EXPIRES_AT, Columns.ROLES, Columns.LOCKED)) {
      if (!cell(cells, column).isEmpty()) {
        present.add(column);
      }
    }
    for (Columns.Attribute column : columns.attributes()) {
      if (column.index() < cells.size() && !cells.get(column.index()).isEmpty()) {
        present.add(column.header());
      }
    }
    return present;
  }

  /** A {@code ;}-separated cell: each item stripped, empty items dropped. */
  private static List<String> list(String cell) {
    List<String> items = new ArrayList<>();
    for (String item : cell.split(String.valueOf(Columns.LIST_SEPARATOR), -1)) {
      if (!item.isBlank()) {
        items.add(item.strip());
      }
    }
    return items;
  }

  private String cell(List<String> cells, String column) {
    int index = columns.index(column);
    return index >= 0 && index < cells.size() ? cells.get(index) : "";
  }

  private static ImportRow invalid(int line, EmailKey email, String reason) {
    return new ImportRow.Invalid(line, Optional.ofNullable(email), reason);
  }
}
