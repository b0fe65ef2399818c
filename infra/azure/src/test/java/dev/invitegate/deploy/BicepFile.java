package dev.invitegate.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code infra/azure/main.bicep} read by text, no Bicep parser: its top-level declarations, the
 * environment lists of its containers, and a small evaluator for the expressions those lists use.
 * It relies on the regular style the file's header describes; anything outside it fails with a
 * message saying what to keep to.
 */
final class BicepFile {

  /**
   * One top-level {@code param}, {@code var}, {@code resource} or {@code output}, with its whole
   * text.
   */
  record Declaration(String kind, String name, String text) {}

  /**
   * A resource: symbolic name, type with API version, its {@code if (...)} condition if any, and
   * its body.
   */
  record Resource(String name, String type, Optional<String> condition, String text) {}

  /**
   * One entry of an environment list: {@code { name: 'X', value: EXPR }} or {@code secretRef:
   * 'ref'}.
   */
  record EnvEntry(String name, boolean secret, String expression, String list) {}

  /**
   * An evaluated value; {@code fromEnvironment} names the deploying shell's variable a parameter
   * file reads it from ({@code readEnvironmentVariable}), {@code param} the Bicep parameter it came
   * through.
   */
  record Value(String text, Optional<String> fromEnvironment, Optional<String> param) {
    static Value of(String text) {
      return new Value(text, Optional.empty(), Optional.empty());
    }
  }

  private static final Pattern DECLARATION =
      Pattern.compile("^(param|var|resource|output|module|type|func) (\\w+)");
  private static final Pattern RESOURCE =
      Pattern.compile("^resource (\\w+) '([^']+)' = (?:if \\((.*)\\) )?\\{", Pattern.MULTILINE);
  private static final Pattern ENTRY =
      Pattern.compile(
          "^\\s*\\{ name: '([A-Za-z_][A-Za-z0-9_]*)', (value|secretRef): (.+?) \\}\\s*$",
          Pattern.MULTILINE);
  private static final Pattern LIST_REFERENCE = Pattern.compile("\\b(\\w+Env)\\b");

  /** Sample values of resource properties that exist only once deployed. */
  private static final Map<String, String> PROPERTY_SAMPLES =
      Map.of(
          "documentEndpoint", "https://sample.documents.azure.com:443/",
          "clientId", "11111111-2222-3333-4444-555555555555",
          "loginServer", "sample.azurecr.io",
          "ConnectionString", "InstrumentationKey=sample");

  private final Map<String, Declaration> params = new LinkedHashMap<>();
  private final Map<String, Declaration> vars = new LinkedHashMap<>();
  private final Map<String, Resource> resources = new LinkedHashMap<>();

  private BicepFile(String text) {
    List<String> lines = List.of(text.split("\n", -1));
    String kind = null;
    String name = null;
    StringBuilder current = new StringBuilder();
    for (String line : lines) {
      Matcher m = DECLARATION.matcher(line);
      if (m.find()) {
        add(kind, name, current.toString());
        kind = m.group(1);
        name = m.group(2);
        current.setLength(0);
      }
      if (kind != null) {
        current.append(line).append('\n');
      }
    }
    add(kind, name, current.toString());
  }

  static BicepFile read(String relative) {
    return new BicepFile(Repository.read(relative));
  }

  private void add(String kind, String name, String text) {
    if (kind == null) {
      return;
    }
    String trimmed = trimTrailing(text);
    switch (kind) {
      case "param" -> params.put(name, new Declaration(kind, name, trimmed));
      case "var" -> vars.put(name, new Declaration(kind, name, trimmed));
      case "resource" -> {
        Matcher m = RESOURCE.matcher(trimmed);
        if (!m.find()) {
          throw new AssertionError(
              "main.bicep: resource "
                  + name
                  + " does not start as \"resource NAME 'TYPE@VERSION' = {\"");
        }
        resources.put(
            name, new Resource(name, m.group(2), Optional.ofNullable(m.group(3)), trimmed));
      }
      default -> {
        // outputs, modules: nothing to check here
      }
    }
  }

  /** Drops the comments, decorators and blank lines that belong to the next declaration. */
  private static String trimTrailing(String text) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    while (!lines.isEmpty()) {
      String last = lines.get(lines.size() - 1).strip();
      if (last.isEmpty() || last.startsWith("//") || last.startsWith("@")) {
        lines.remove(lines.size() - 1);
      } else {
        break;
      }
    }
    return String.join("\n", lines);
  }

  Map<String, Resource> resources() {
    return resources;
  }

  List<Resource> resourcesOfType(String typePrefix) {
    return resources.values().stream().filter(r -> r.type().startsWith(typePrefix + "@")).toList();
  }

  Resource resource(String name) {
    Resource resource = resources.get(name);
    if (resource == null) {
      throw new AssertionError("main.bicep has no resource named " + name);
    }
    return resource;
  }

  /** The right-hand side of {@code var name = ...}. */
  String varExpression(String name) {
    Declaration declaration = vars.get(name);
    if (declaration == null) {
      throw new AssertionError("main.bicep has no var named " + name);
    }
    return declaration.text().substring(declaration.text().indexOf('=') + 1).strip();
  }

  boolean hasVar(String name) {
    return vars.containsKey(name);
  }

  /** The default of {@code param name TYPE = DEFAULT}, if it has one. */
  Optional<String> paramDefault(String name) {
    Declaration declaration = params.get(name);
    if (declaration == null) {
      throw new AssertionError("main.bicep has no param named " + name);
    }
    Matcher m =
        Pattern.compile("^param \\w+ \\w+ = (.+)$", Pattern.MULTILINE).matcher(declaration.text());
    return m.find() ? Optional.of(m.group(1).strip()) : Optional.empty();
  }

  Set<String> paramNames() {
    return params.keySet();
  }

  /** The entries of an environment list and of the lists it joins, in order. */
  List<EnvEntry> environment(String listName) {
    List<EnvEntry> entries = new ArrayList<>();
    collect(listName, entries, new LinkedHashSet<>());
    return entries;
  }

  private void collect(String listName, List<EnvEntry> entries, Set<String> seen) {
    if (!seen.add(listName)) {
      return;
    }
    String expression = varExpression(listName);
    Matcher references = LIST_REFERENCE.matcher(expression);
    while (references.find()) {
      String referenced = references.group(1);
      if (!referenced.equals(listName) && vars.containsKey(referenced)) {
        collect(referenced, entries, seen);
      }
    }
    Matcher m = ENTRY.matcher(expression);
    while (m.find()) {
      entries.add(
          new EnvEntry(m.group(1), m.group(2).equals("secretRef"), m.group(3).strip(), listName));
    }
    long looseNames = expression.lines().filter(l -> l.contains("name: '")).count();
    long matched = ENTRY.matcher(expression).results().count();
    if (looseNames != matched) {
      throw new AssertionError(
          "main.bicep: var "
              + listName
              + " has environment entries not written as one-line { name: '...', value: ... } objects");
    }
  }

  /**
   * Whether the list (itself, not the lists it joins) is chosen by a condition ({@code cond ? [] :
   * [...]}).
   */
  boolean conditionalList(String listName) {
    String expression = varExpression(listName);
    return !expression.startsWith("concat(") && expression.contains(" ? ");
  }

  /**
   * Evaluates an expression of the kinds environment values use: string literals with {@code
   * ${...}}, whole numbers, parameters (from {@code parameters}, else their default), vars, {@code
   * string(...)}, resource names and the deployed properties in {@link #PROPERTY_SAMPLES}, and a
   * parameter file's {@code readEnvironmentVariable}.
   */
  Value evaluate(String expression, Map<String, String> parameters) {
    String e = expression.strip();
    Matcher env =
        Pattern.compile("^readEnvironmentVariable\\('([^']+)'(?:, '([^']*)')?\\)$").matcher(e);
    if (env.matches()) {
      return new Value(
          env.group(2) == null ? "" : env.group(2), Optional.of(env.group(1)), Optional.empty());
    }
    if (e.startsWith("'") && e.endsWith("'") && e.length() >= 2) {
      return Value.of(interpolate(e.substring(1, e.length() - 1), parameters));
    }
    if (e.matches("-?\\d+|true|false")) {
      return Value.of(e);
    }
    Matcher string = Pattern.compile("^string\\((.+)\\)$").matcher(e);
    if (string.matches()) {
      return evaluate(string.group(1), parameters);
    }
    Matcher property = Pattern.compile("^(\\w+)\\.properties\\.(\\w+)$").matcher(e);
    if (property.matches() && PROPERTY_SAMPLES.containsKey(property.group(2))) {
      resource(property.group(1));
      return Value.of(PROPERTY_SAMPLES.get(property.group(2)));
    }
    Matcher name = Pattern.compile("^(\\w+)\\.name$").matcher(e);
    if (name.matches()) {
      resource(name.group(1));
      return Value.of("samplename");
    }
    if (e.matches("\\w+")) {
      if (params.containsKey(e)) {
        String given = parameters.get(e);
        String source =
            given != null
                ? given
                : paramDefault(e)
                    .orElseThrow(
                        () ->
                            new AssertionError(
                                "param "
                                    + e
                                    + " has neither a value in the parameter file nor a default"));
        Value value = evaluate(source, parameters);
        return new Value(value.text(), value.fromEnvironment(), Optional.of(e));
      }
      if (vars.containsKey(e)) {
        return evaluate(varExpression(e), parameters);
      }
    }
    throw new AssertionError(
        "main.bicep: cannot evaluate '"
            + e
            + "'; environment values are literals, params, vars, string(...), interpolations, resource names or"
            + " the deployed properties "
            + PROPERTY_SAMPLES.keySet());
  }

  private String interpolate(String literal, Map<String, String> parameters) {
    Matcher m = Pattern.compile("\\$\\{([^}]+)\\}").matcher(literal);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(evaluate(m.group(1), parameters).text()));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The {@code param NAME = EXPR} lines of a {@code .bicepparam} file. */
  static Map<String, String> parameterFile(String relative) {
    Map<String, String> values = new LinkedHashMap<>();
    Matcher m =
        Pattern.compile("^param (\\w+) = (.+)$", Pattern.MULTILINE)
            .matcher(Repository.read(relative));
    while (m.find()) {
      values.put(m.group(1), m.group(2).strip());
    }
    return values;
  }
}
