package dev.invitegate.worker.allowlist;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.invitegate.contracts.InvitationDocument;
import dev.invitegate.contracts.InvitationDocumentCodec;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The CSV import reads. A CSV header names every attribute column before the first row, but which
 * attributes the store holds is known only once every document was read; so rows wait in a
 * temporary file (readable by this user only, removed at {@link #close}) and are written, after the
 * header, at {@link #finish}. Memory stays flat whatever the size of the store.
 *
 * <p>An attribute column has one type, the type of its first value; an entry whose value for it is
 * of another type is not written (its reason says so; {@code jsonl} keeps every type).
 */
public final class CsvEntryWriter implements EntryWriter {

  private static final CsvMapper CSV =
      CsvMapper.builder()
          .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
          // Quotes only the cells that need them (a separator, a quote, a line break, blanks at
          // either end), so that the file reads well in an editor.
          .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
          .build();

  private final Writer out;
  private final Path held;
  private final BufferedWriter holding;
  private final Map<String, AttributeType> attributeTypes = new TreeMap<>();
  private boolean closed;

  public CsvEntryWriter(Writer out) {
    this.out = out;
    try {
      this.held = Files.createTempFile("invitegate-export-", ".jsonl");
      this.holding = Files.newBufferedWriter(held, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary file for the export", e);
    }
  }

  @Override
  public Optional<String> write(EntryRow row) {
    Optional<String> problem = row.csvProblem().or(() -> typeConflict(row));
    if (problem.isPresent()) {
      return problem;
    }
    row.entry()
        .attributes()
        .forEach((name, value) -> attributeTypes.putIfAbsent(name, AttributeType.of(value)));
    try {
      holding.write(row.state().name());
      holding.write('\t');
      holding.write(
          InvitationDocumentCodec.toJsonString(
              new InvitationDocument(row.email(), Map.of(row.scope(), row.entry()))));
      holding.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the export's temporary file", e);
    }
    return Optional.empty();
  }

  private Optional<String> typeConflict(EntryRow row) {
    for (var attribute : row.entry().attributes().entrySet()) {
      AttributeType column = attributeTypes.get(attribute.getKey());
      AttributeType value = AttributeType.of(attribute.getValue());
      if (column != null && column != value) {
        return Optional.of(
            "attribute "
                + attribute.getKey()
                + " holds a "
                + value.label()
                + " where earlier entries hold a "
                + column.label()
                + " (--format jsonl keeps both)");
      }
    }
    return Optional.empty();
  }

  @Override
  public void finish() {
    List<String> attributes = new ArrayList<>(attributeTypes.keySet());
    List<String> header = new ArrayList<>(Columns.FIXED);
    attributes.forEach(
        name -> header.add(Columns.Attribute.header(name, attributeTypes.get(name))));
    try {
      holding.close();
      try (SequenceWriter rows = CSV.writer().with(CsvSchema.emptySchema()).writeValues(out);
          BufferedReader reader = Files.newBufferedReader(held, StandardCharsets.UTF_8)) {
        rows.write(header);
        String line;
        while ((line = reader.readLine()) != null) {
          rows.write(cells(line, attributes));
        }
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> cells(String line, List<String> attributes) {
    int tab = line.indexOf('\t');
    EntryState state = EntryState.valueOf(line.substring(0, tab));
    InvitationDocument document = InvitationDocumentCodec.fromJson(line.substring(tab + 1));
    var scope = document.scopes().entrySet().iterator().next();
    EntryRow row = new EntryRow(document.id(), scope.getKey(), scope.getValue(), state);
    List<String> cells = row.fixedCells();
    for (String name : attributes) {
      Object value = row.entry().attributes().get(name);
      cells.add(value == null ? "" : String.valueOf(value));
    }
    return cells;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      holding.close();
      Files.deleteIfExists(held);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the export's temporary file " + held, e);
    }
  }
}
