package dev.invitegate.worker.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a command writes its results: a readable table for a person, or JSON for a script (one
 * document, or one document per line for lists, so a long list streams). One mapper for all.
 */
final class Output {

  private static final ObjectMapper JSON =
      JsonMapper.builder().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS).build();

  private Output() {}

  /** One JSON document on one line. */
  static void json(PrintWriter out, Object document) {
    out.println(write(document));
    out.flush();
  }

  /** One JSON document, indented, for a person reading one record. */
  static void prettyJson(PrintWriter out, Object document) {
    try {
      out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("maps, lists, strings and numbers always write", e);
    }
    out.flush();
  }

  static String write(Object document) {
    try {
      return JSON.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("maps, lists, strings and numbers always write", e);
    }
  }

  static ObjectMapper mapper() {
    return JSON;
  }

  /**
   * A table: the header, a rule, the rows, columns as wide as their widest cell. Cells are single
   * lines; line breaks in a cell become spaces.
   */
  static void table(PrintWriter out, List<String> header, List<List<String>> rows) {
    int[] widths = new int[header.size()];
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    for (List<String> row : all) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], cell(row, i).length());
      }
    }
    print(out, header, widths);
    List<String> rule = new ArrayList<>();
    for (int width : widths) {
      rule.add("-".repeat(width));
    }
    print(out, rule, widths);
    for (List<String> row : rows) {
      print(out, row, widths);
    }
    out.flush();
  }

  /** Named values, one per line: {@code name value}. */
  static void fields(PrintWriter out, Map<String, ?> fields) {
    int width = fields.keySet().stream().mapToInt(String::length).max().orElse(0);
    fields.forEach(
        (name, value) ->
            out.println(name + " ".repeat(width - name.length() + 2) + String.valueOf(value)));
    out.flush();
  }

  private static void print(PrintWriter out, List<String> row, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < widths.length; i++) {
      String cell = cell(row, i);
      line.append(cell);
      if (i < widths.length - 1) {
        line.append(" ".repeat(widths[i] - cell.length() + 2));
      }
    }
    out.println(line.toString().stripTrailing());
  }

  private static String cell(List<String> row, int i) {
    String cell = i < row.size() && row.get(i) != null ? row.get(i) : "";
    return cell.replace('\n', ' ').replace('\r', ' ');
  }
}
