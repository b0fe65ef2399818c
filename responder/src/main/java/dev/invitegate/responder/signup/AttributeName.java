package dev.invitegate.responder.signup;

import dev.invitegate.contracts.AttributeNames;

/**
 * How an invitation's attribute names meet the names Entra sends. A custom attribute reaches the
 * extension as {@code extension_<b2c-extensions-app ID>_<name>}, while publishers may store the
 * bare {@code <name>}; letter case differs between docs, samples and tenants. The rule is the
 * contract's ({@link AttributeNames}), which the operators' tools apply too.
 */
final class AttributeName {

  private AttributeName() {}

  /** Whether {@code a} and {@code b} name the same attribute. */
  static boolean same(String a, String b) {
    return AttributeNames.same(a, b);
  }
}
