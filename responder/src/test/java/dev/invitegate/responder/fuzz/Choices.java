package dev.invitegate.responder.fuzz;

import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The fuzzer's bytes read front to back as a sequence of decisions. Past the end every decision is
 * the first option, so a prefix of an input is an input too, and libFuzzer's byte mutations turn
 * into changes of single decisions.
 */
final class Choices {

  private final byte[] input;
  private int position;

  Choices(byte[] input) {
    this.input = input;
  }

  boolean exhausted() {
    return position >= input.length;
  }

  /** A number in {@code [0, bound)}, from one byte, or two where the bound needs them. */
  int below(int bound) {
    if (bound <= 1) {
      return 0;
    }
    int value = nextByte();
    if (bound > 256) {
      value = (value << 8) | nextByte();
    }
    return value % bound;
  }

  boolean flip() {
    return (nextByte() & 1) == 1;
  }

  <T> T pick(List<T> options) {
    return options.get(below(options.size()));
  }

  @SafeVarargs
  final <T> T pick(T... options) {
    return options[below(options.length)];
  }

  /** Up to {@code max} bytes, as many as the next decision says. */
  byte[] bytes(int max) {
    int length = Math.min(below(max + 1), input.length - position);
    byte[] bytes = Arrays.copyOfRange(input, position, position + Math.max(length, 0));
    position += bytes.length;
    return bytes;
  }

  /**
   * Up to {@code max} bytes as text: UTF-8 with malformed sequences replaced, or UTF-16 code units,
   * which reach every code point and lone surrogates too.
   */
  String text(int max) {
    boolean utf16 = flip();
    byte[] bytes = bytes(max);
    if (utf16) {
      char[] units = new char[bytes.length / 2];
      for (int i = 0; i < units.length; i++) {
        units[i] = (char) (((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff));
      }
      return new String(units);
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IllegalStateException("a replacing decoder does not fail", e);
    }
  }

  private int nextByte() {
    return position < input.length ? input[position++] & 0xff : 0;
  }
}
