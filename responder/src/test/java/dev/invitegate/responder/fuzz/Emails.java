package dev.invitegate.responder.fuzz;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Addresses as an attacker or a confused client may send them: other letter case, blanks of every
 * kind, invisible characters, look-alikes, decomposed letters, several addresses in one, and
 * addresses at the length limit.
 */
final class Emails {

  /** Blanks that {@link String#strip()} removes, and some it does not. */
  private static final List<String> BLANKS =
      List.of(
          " ", "\t", "\n", "\r\n", "\u00a0", "\u2000", "\u2007", "\u3000", "\u0085", "\u180e",
          "\u200b", "\ufeff", "\u2028");

  /** Characters that show nothing: formats, joiners, marks, controls, tags, bidi overrides. */
  private static final List<String> INVISIBLE =
      List.of(
          "\u200b",
          "\u200c",
          "\u200d",
          "\u2060",
          "\ufeff",
          "\u00ad",
          "\u034f",
          "\ufe0f",
          "\u202e",
          "\u061c",
          "\u0000",
          "\u007f",
          "\u0008",
          "\udb40\udc61",
          "\u180e",
          "\u0301",
          "\u0307");

  /** A character and what could pass for it. */
  private static final Map<Character, List<String>> LOOK_ALIKES =
      Map.ofEntries(
          Map.entry('a', List.of("\u0430", "\u00e0", "\u0251", "\uff41", "a\u0300")),
          Map.entry('e', List.of("\u0435", "\u00e9", "\uff45", "e\u0301")),
          Map.entry('o', List.of("\u043e", "\u03bf", "0", "\uff4f")),
          Map.entry('c', List.of("\u0441", "\u03f2", "\uff43")),
          Map.entry('i', List.of("\u0456", "\u0131", "\u0130", "\u0069\u0307", "1", "l")),
          Map.entry('l', List.of("\u04cf", "\u01c0", "1", "I")),
          Map.entry('k', List.of("\u212a", "\u03ba", "K")),
          Map.entry('s', List.of("\u017f", "\u0455", "\u00df")),
          Map.entry('p', List.of("\u0440", "\u03c1")),
          Map.entry('x', List.of("\u0445", "\u00d7")),
          Map.entry('m', List.of("\u217f", "rn")),
          Map.entry('@', List.of("\uff20", "\ufe6b", "@@", "%40", "(at)")),
          Map.entry('.', List.of("\u3002", "\uff0e", "\u2024", "..", "")));

  private Emails() {}

  /** A variant of {@code base}, or of one of the invitees' addresses. */
  static String variant(Choices choices, String base) {
    String email = choices.flip() ? base : choices.pick(Invitee.emails());
    int at = Math.max(email.indexOf('@'), 0);
    return switch (choices.below(12)) {
      case 0 -> email;
      case 1 ->
          choices.flip() ? email.toUpperCase(Locale.ROOT) : mixedCase(email, choices.bytes(32));
      case 2 -> choices.pick(BLANKS) + email + choices.pick(BLANKS);
      case 3 -> insert(email, choices.below(email.length() + 1), choices.pick(INVISIBLE));
      case 4 -> lookAlike(email, choices);
      case 5 ->
          Normalizer.normalize(
              choices.flip() ? email : lookAlike(email, choices),
              choices.flip() ? Normalizer.Form.NFD : Normalizer.Form.NFKD);
      case 6 -> email.substring(0, at) + "+tag" + email.substring(at);
      case 7 ->
          choices.pick(
              email + ".",
              "<" + email + ">",
              "Someone <" + email + ">",
              "mailto:" + email,
              "\"" + email.substring(0, at) + "\"" + email.substring(at),
              email.substring(0, at) + "@" + email.substring(at),
              email.replace("example.com", "example.com.evil.test"),
              email.replace("example.com", "xn--exmple-cua.com"));
      case 8 ->
          email + choices.pick(",", ";", " ", "\u0000", "\n") + choices.pick(Invitee.emails());
      case 9 -> choices.pick(Invitee.emails()) + choices.pick(",", ";", " ") + email;
      case 10 ->
          "a".repeat(Math.max(0, choices.pick(254, 255, 256, 1000) - email.length())) + email;
      default -> email.substring(0, choices.below(email.length() + 1));
    };
  }

  private static String mixedCase(String email, byte[] bits) {
    StringBuilder out = new StringBuilder(email.length());
    for (int i = 0; i < email.length(); i++) {
      char c = email.charAt(i);
      boolean upper = bits.length > 0 && (bits[i % bits.length] >> (i % 8) & 1) == 1;
      out.append(upper ? Character.toUpperCase(c) : c);
    }
    return out.toString();
  }

  private static String insert(String text, int position, String inserted) {
    return text.substring(0, position) + inserted + text.substring(position);
  }

  /** One character replaced by something that could pass for it. */
  private static String lookAlike(String email, Choices choices) {
    if (email.isEmpty()) {
      return email;
    }
    int start = choices.below(email.length());
    for (int i = 0; i < email.length(); i++) {
      int position = (start + i) % email.length();
      List<String> alikes = LOOK_ALIKES.get(email.charAt(position));
      if (alikes != null) {
        return email.substring(0, position) + choices.pick(alikes) + email.substring(position + 1);
      }
    }
    // Fullwidth forms of ASCII letters.
    char c = email.charAt(start);
    return c > 0x20 && c < 0x7f
        ? email.substring(0, start) + (char) (c + 0xfee0) + email.substring(start + 1)
        : email;
  }
}
