package dev.invitegate.worker.allowlist;

/**
 * The file as a whole cannot be read: no header, an unknown column, malformed CSV. Rows before a
 * malformed one were read; none after it.
 */
public final class FileProblem extends RuntimeException {

  private final int line;

  FileProblem(int line, String message, Throwable cause) {
    super(message, cause, false, false);
    this.line = line;
  }

  /** Where reading stopped; 1 for a problem with the header. */
  public int line() {
    return line;
  }

  /** Whether the header is at fault: then no row was read. */
  public boolean inHeader() {
    return line <= 1;
  }
}
