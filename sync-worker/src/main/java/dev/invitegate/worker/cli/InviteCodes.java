package dev.invitegate.worker.cli;

import dev.invitegate.contracts.AttributeNames;
import dev.invitegate.runtime.settings.SettingsReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which attributes hold an invitation code, a secret the invitee types in: by the responder's
 * setting {@code INVITEGATE_INVITE_CODE_ATTRIBUTE} when the environment has it, and always {@code
 * InviteCode} (its default), by the contract's name rule (bare or extension form, any case).
 * Commands never print such a value whole.
 */
final class InviteCodes {

  private static final String DEFAULT = SettingsReader.DEFAULT_INVITE_CODE_ATTRIBUTE;

  private final String configured;

  private InviteCodes(String configured) {
    this.configured = configured;
  }

  static InviteCodes of(CliContext context) {
    return new InviteCodes(new SettingsReader(context.env()).inviteCodeAttribute().strip());
  }

  boolean isCode(String attributeName) {
    return AttributeNames.same(DEFAULT, attributeName)
        || (!configured.isEmpty() && AttributeNames.same(configured, attributeName));
  }

  /** The attributes as they may be shown: codes masked. */
  Map<String, Object> shown(Map<String, Object> attributes) {
    Map<String, Object> shown = new TreeMap<>();
    attributes.forEach(
        (name, value) -> shown.put(name, isCode(name) ? Masking.secret(value) : value));
    return shown;
  }

  /** The names of the attributes whose values {@link #shown} masks. */
  List<String> masked(Map<String, Object> attributes) {
    return attributes.keySet().stream().filter(this::isCode).toList();
  }

  /** One line for a table: {@code name=value} pairs, strings quoted, codes masked. */
  String line(Map<String, Object> attributes) {
    var parts = new ArrayList<String>();
    attributes.forEach(
        (name, value) -> {
          if (isCode(name)) {
            parts.add(name + "=" + Masking.secret(value) + " (invitation code, masked)");
          } else if (value instanceof String text) {
            parts.add(name + "=\"" + text + "\"");
          } else {
            parts.add(name + "=" + value + (value instanceof Long ? " (int64)" : " (boolean)"));
          }
        });
    return parts.isEmpty() ? "none" : String.join(", ", parts);
  }
}
