package dev.invitegate.worker.allowlist;

import java.util.Optional;

/** Where export writes its rows: CSV in the columns import reads, or JSON lines. */
public sealed interface EntryWriter extends AutoCloseable
    permits CsvEntryWriter, JsonLinesEntryWriter {

  /** Writes the row, or holds it back until {@link #finish}; empty if taken, else why not. */
  Optional<String> write(EntryRow row);

  /** Writes what was held back and flushes; the output is complete. */
  void finish();

  /** Frees what the writer holds (a temporary file); the output is left as it is. */
  @Override
  void close();
}
