package dev.invitegate.responder.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A mutable JSON value that, unlike Jackson's tree, keeps duplicate keys, member order and number
 * lexemes as written, and can hold verbatim text: what a hostile body may contain.
 */
final class Json {

  enum Kind {
    OBJECT,
    ARRAY,
    STRING,
    /** A number lexeme, written as is: {@code 1e400}, {@code -0}, twenty digits. */
    NUMBER,
    /** {@code true}, {@code false} or {@code null}. */
    LITERAL,
    /** Text written verbatim: huge or deeply nested values built as text, never walked. */
    RAW
  }

  final Kind kind;
  final String text;

  /** Member keys of an object, parallel to {@link #items}; duplicates allowed. */
  final List<String> keys = new ArrayList<>();

  /** Member values of an object, or elements of an array. */
  final List<Json> items = new ArrayList<>();

  private Json(Kind kind, String text) {
    this.kind = kind;
    this.text = text;
  }

  static Json object() {
    return new Json(Kind.OBJECT, null);
  }

  static Json array() {
    return new Json(Kind.ARRAY, null);
  }

  static Json string(String value) {
    return new Json(Kind.STRING, value);
  }

  static Json number(String lexeme) {
    return new Json(Kind.NUMBER, lexeme);
  }

  static Json literal(String literal) {
    return new Json(Kind.LITERAL, literal);
  }

  static Json raw(String text) {
    return new Json(Kind.RAW, text);
  }

  static Json array(Json... elements) {
    Json array = array();
    array.items.addAll(List.of(elements));
    return array;
  }

  boolean isContainer() {
    return kind == Kind.OBJECT || kind == Kind.ARRAY;
  }

  Json put(String key, Json value) {
    keys.add(key);
    items.add(value);
    return this;
  }

  /** The value of the first member named {@code key}, or null. */
  Json member(String key) {
    int index = kind == Kind.OBJECT ? keys.indexOf(key) : -1;
    return index < 0 ? null : items.get(index);
  }

  /** Replaces the first member named {@code key}, or adds one. */
  Json set(String key, Json value) {
    int index = keys.indexOf(key);
    if (index < 0) {
      return put(key, value);
    }
    items.set(index, value);
    return this;
  }

  void remove(String key) {
    int index = keys.indexOf(key);
    if (index >= 0) {
      keys.remove(index);
      items.remove(index);
    }
  }

  /** The object under {@code key}, made (replacing whatever was there) if it is not one. */
  Json objectAt(String key) {
    Json value = member(key);
    if (value == null || value.kind != Kind.OBJECT) {
      value = object();
      set(key, value);
    }
    return value;
  }

  /** About how many characters this value writes as: enough to keep bodies bounded. */
  long weight() {
    long weight = text == null ? 2 : text.length() + 2;
    for (int i = 0; i < items.size(); i++) {
      weight += items.get(i).weight() + (kind == Kind.OBJECT ? keys.get(i).length() + 4 : 1);
    }
    return weight;
  }

  Json copy() {
    Json copy = new Json(kind, text);
    copy.keys.addAll(keys);
    items.forEach(item -> copy.items.add(item.copy()));
    return copy;
  }

  static Json from(JsonNode node) {
    return switch (node.getNodeType()) {
      case OBJECT -> {
        Json object = object();
        for (Map.Entry<String, JsonNode> member : node.properties()) {
          object.put(member.getKey(), from(member.getValue()));
        }
        yield object;
      }
      case ARRAY -> {
        Json array = array();
        node.forEach(element -> array.items.add(from(element)));
        yield array;
      }
      case STRING -> string(node.textValue());
      case NUMBER -> number(node.asText());
      case BOOLEAN -> literal(node.asText());
      default -> literal("null");
    };
  }

  /**
   * Every value inside {@code root}, root included, with where it sits; RAW values are not entered.
   */
  static List<Slot> slots(Json holder) {
    List<Slot> slots = new ArrayList<>();
    Deque<Slot> pending = new ArrayDeque<>();
    for (int i = holder.items.size() - 1; i >= 0; i--) {
      pending.push(new Slot(holder, i, "$"));
    }
    while (!pending.isEmpty()) {
      Slot slot = pending.pop();
      slots.add(slot);
      Json value = slot.get();
      for (int i = value.items.size() - 1; i >= 0; i--) {
        String step =
            value.kind == Kind.OBJECT ? slot.path() + "." + value.keys.get(i) : slot.path() + "[]";
        pending.push(new Slot(value, i, step));
      }
    }
    return slots;
  }

  /** A place in a tree: the {@code index}-th item of {@code parent}. */
  record Slot(Json parent, int index, String path) {

    Json get() {
      return parent.items.get(index);
    }

    void set(Json value) {
      parent.items.set(index, value);
    }

    /** The member key, or null in an array. */
    String key() {
      return parent.kind == Kind.OBJECT ? parent.keys.get(index) : null;
    }

    void remove() {
      parent.items.remove(index);
      if (parent.kind == Kind.OBJECT) {
        parent.keys.remove(index);
      }
    }

    void insertAfter(String key, Json value) {
      parent.items.add(index + 1, value);
      if (parent.kind == Kind.OBJECT) {
        parent.keys.add(index + 1, key);
      }
    }
  }

  /** Writes the JSON text; with {@code asciiOnly} every other character is a {@code \\u} escape. */
  String write(boolean asciiOnly) {
    StringBuilder out = new StringBuilder(1024);
    write(out, asciiOnly);
    return out.toString();
  }

  private void write(StringBuilder out, boolean asciiOnly) {
    switch (kind) {
      case OBJECT -> {
        out.append('{');
        for (int i = 0; i < items.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          quote(out, keys.get(i), asciiOnly);
          out.append(':');
          items.get(i).write(out, asciiOnly);
        }
        out.append('}');
      }
      case ARRAY -> {
        out.append('[');
        for (int i = 0; i < items.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          items.get(i).write(out, asciiOnly);
        }
        out.append(']');
      }
      case STRING -> quote(out, text, asciiOnly);
      case NUMBER, LITERAL, RAW -> out.append(text);
    }
  }

  static void quote(StringBuilder out, String value, boolean asciiOnly) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          boolean pair =
              Character.isHighSurrogate(c)
                  && i + 1 < value.length()
                  && Character.isLowSurrogate(value.charAt(i + 1));
          if (pair && !asciiOnly) {
            out.append(c).append(value.charAt(++i));
          } else if (c < 0x20 || (asciiOnly && c > 0x7e) || Character.isSurrogate(c)) {
            // Lone surrogates only survive as escapes: UTF-8 would replace them.
            out.append("\\u").append(Character.forDigit((c >> 12) & 0xf, 16));
            out.append(Character.forDigit((c >> 8) & 0xf, 16));
            out.append(Character.forDigit((c >> 4) & 0xf, 16));
            out.append(Character.forDigit(c & 0xf, 16));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
