package dev.invitegate.worker.allowlist;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.invitegate.contracts.InvitationDocument;
import dev.invitegate.contracts.InvitationEventWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads an allow-list file as a stream, one row at a time, so that a file of any length takes the
 * same memory (but for twelve bytes a row to find repeated rows). The file is CSV (RFC 4180, UTF-8,
 * with or without a byte order mark): a header row naming the {@link Columns}, then one invitation
 * per row. Blank lines, and rows of empty cells, are skipped.
 *
 * <p>Two rows for the same email and application at the same time would tie, and which one the
 * store keeps would depend on their ids: the second is reported and skipped.
 */
public final class AllowListReader {

  private static final CsvFactory CSV =
      CsvFactory.builder()
          .enable(CsvParser.Feature.WRAP_AS_ARRAY)
          .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
          .build();

  private final RowDefaults defaults;
  private final InvitationEventWriter writer = new InvitationEventWriter();

  public AllowListReader(RowDefaults defaults) {
    this.defaults = defaults;
  }

  /**
   * Reads {@code csv} to its end, handing each row's outcome to {@code rows} in file order. An
   * exception {@code rows} throws stops reading and passes on.
   *
   * @throws FileProblem when the header is missing or wrong (before any row), or the CSV is
   *     malformed (the rows before were handed on)
   * @throws UncheckedIOException when the file cannot be read
   */
  public void read(InputStream csv, Consumer<ImportRow> rows) {
    int line = 1;
    try (CsvParser parser = CSV.createParser(csv)) {
      parser.setSchema(CsvSchema.emptySchema());
      RowParser rowParser = null;
      SeenRows seen = new SeenRows();
      List<String> cells = new ArrayList<>();
      JsonToken token;
      // The whole file is one array (WRAP_AS_ARRAY), each row an array in it.
      int depth = 0;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.START_ARRAY) {
          depth++;
          cells.clear();
        } else if (token == JsonToken.VALUE_STRING) {
          if (cells.isEmpty()) {
            // The first cell's location is where the row starts, even when a quoted cell spans
            // lines.
            line = parser.currentTokenLocation().getLineNr();
          }
          cells.add(parser.getText());
        } else if (token == JsonToken.END_ARRAY && depth-- == 2) {
          if (rowParser == null) {
            rowParser = new RowParser(header(cells), defaults, writer);
          } else {
            Optional<ImportRow> row = rowParser.parse(line, cells);
            if (row.isPresent()) {
              rows.accept(unrepeated(row.get(), seen));
            }
          }
        }
      }
      if (rowParser == null) {
        throw new FileProblem(
            1,
            "the file is empty: it needs a header row naming its columns, e.g. email,roles",
            null);
      }
    } catch (JsonProcessingException e) {
      throw new FileProblem(
          line, "line " + line + ": not valid CSV: " + e.getOriginalMessage().strip(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Columns header(List<String> cells) {
    if (!cells.isEmpty() && cells.getFirst().startsWith("\uFEFF")) {
      // A byte order mark the decoder left (a file read as text, a second mark).
      cells.set(0, cells.getFirst().substring(1));
    }
    try {
      return Columns.fromHeader(cells);
    } catch (IllegalArgumentException e) {
      throw new FileProblem(1, "header: " + e.getMessage(), e);
    }
  }

  private static ImportRow unrepeated(ImportRow row, SeenRows seen) {
    if (!(row instanceof ImportRow.Ready ready)) {
      return row;
    }
    long key =
        SeenRows.fingerprint(
            ready.event().email().value(),
            ready.event().applicationId().orElse(InvitationDocument.ALL_APPLICATIONS),
            ready.event().time().toString());
    int first = seen.firstSeen(key, row.line());
    if (first == 0) {
      return row;
    }
    return new ImportRow.Invalid(
        row.line(),
        Optional.of(ready.event().email()),
        "repeats line "
            + first
            + ": the same email and application at the same time (the store would keep one of"
            + " the two by their ids); give each row its own time, or keep one");
  }
}
