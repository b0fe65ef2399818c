package dev.invitegate.worker.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether standard output is a terminal a person watches. */
public final class Terminal {

  private Terminal() {}

  /**
   * From JDK 22 on, {@code System.console()} exists even when output is redirected, and says
   * whether it is a terminal with {@code Console.isTerminal()}; the project targets release 21,
   * where a console exists only for a terminal, so that method is looked up when it is there.
   */
  public static boolean isTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }
}
