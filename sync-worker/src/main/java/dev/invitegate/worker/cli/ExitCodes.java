package dev.invitegate.worker.cli;

/** The exit codes of every command. */
public final class ExitCodes {

  /** Done. */
  public static final int DONE = 0;

  /** Done in part: the summary says what failed. Also: the worker stopped on a fatal error. */
  public static final int PARTLY = 1;

  /** Usage or configuration error: nothing was done. */
  public static final int USAGE = 2;

  private ExitCodes() {}
}
