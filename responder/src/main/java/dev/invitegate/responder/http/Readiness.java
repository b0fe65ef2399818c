package dev.invitegate.responder.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Named conditions that must all hold before the responder takes traffic. */
public final class Readiness {

  private final Map<String, BooleanSupplier> checks;

  public Readiness(Map<String, BooleanSupplier> checks) {
    this.checks = new LinkedHashMap<>(checks);
  }

  Map<String, Boolean> evaluate() {
    Map<String, Boolean> results = new LinkedHashMap<>();
    checks.forEach((name, check) -> results.put(name, check.getAsBoolean()));
    return results;
  }

  public boolean ready() {
    return checks.values().stream().allMatch(BooleanSupplier::getAsBoolean);
  }
}
