package dev.invitegate.worker.allowlist;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Optional;

/** One JSON object per line and entry ({@link EntryRow#toJson}), written as it comes. */
public final class JsonLinesEntryWriter implements EntryWriter {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Writer out;

  public JsonLinesEntryWriter(Writer out) {
    this.out = out;
  }

  @Override
  public Optional<String> write(EntryRow row) {
    try {
      out.write(JSON.writeValueAsString(row.toJson()));
      out.write('\n');
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings, numbers and booleans always writes", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Optional.empty();
  }

  @Override
  public void finish() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {}
}
