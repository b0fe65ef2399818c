package dev.invitegate.responder.fuzz;

import dev.invitegate.contracts.EmailKey;
import dev.invitegate.contracts.InvitationDocument;
import dev.invitegate.contracts.ScopeEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The people whose invitations the fuzzed path reads and, written out by hand rather than asked of
 * the code under test, which applications each one may sign up to at {@link #NOW}.
 */
enum Invitee {
  /** Live everywhere; display name locked, invitation code under the extension attribute name. */
  ALICE("alice@example.com", app -> true),
  /** Live everywhere; attributes to prefill and roles for the token. */
  CAROL("carol@example.com", app -> true),
  /** Live everywhere, with nothing else. */
  DAVE("dave@example.com", app -> true),
  /** Live everywhere; invitation code under the bare name, an extension attribute locked. */
  HEIDI("heidi@example.com", app -> true),
  /** Live only for the vectors' application. */
  IVAN("ivan@example.com", app -> app.equals(Optional.of(Invitee.APP))),
  /** Live only for another application. */
  FRANK("frank@example.com", app -> app.equals(Optional.of(Invitee.OTHER_APP))),
  /** Invited everywhere, then revoked for the vectors' application. */
  GRACE("grace@example.com", app -> !app.equals(Optional.of(Invitee.APP))),
  /** Invited, then revoked everywhere. */
  BOB("bob@example.com", app -> false),
  /** Invited until a date now past. */
  ERIN("erin@example.com", app -> false),
  /** Never invited: no document at all. */
  MALLORY("mallory@example.com", app -> false);

  /** What the clock says on every call of the fuzzed path. */
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  /** The client application of the reference vectors. */
  static final String APP = "6e4c2a08-9d1f-4b7e-8c35-a2f0d6b4e917";

  static final String OTHER_APP = "0b9d7c5e-3a1f-4e2d-8c6b-4a2e0f8d6c31";

  /** The b2c-extensions-app ID in the vectors' custom attribute names. */
  static final String EXTENSIONS_APP = "5c8e1a3f7b9d4e2a8c6f0b1d3e5a7c9f";

  static final String INVITE_CODE = "K7Q2-M9XD";

  static final String HEIDI_CODE = "H3ID-1234";

  private static final Instant GRANTED = Instant.parse("2026-01-10T09:00:00Z");
  private static final Instant LATER = Instant.parse("2026-02-01T09:00:00Z");

  final String email;
  private final Predicate<Optional<String>> admits;

  Invitee(String email, Predicate<Optional<String>> admits) {
    this.email = email;
    this.admits = admits;
  }

  /**
   * Whether {@code key} may sign up to {@code app} (lower-case, empty when the call named none).
   */
  static boolean admits(EmailKey key, Optional<String> app) {
    return find(key).map(invitee -> invitee.admits.test(app)).orElse(false);
  }

  /** The invitation code {@code key}'s invitation holds, written out by hand. */
  static Optional<String> inviteCode(EmailKey key) {
    return find(key)
        .flatMap(
            invitee ->
                switch (invitee) {
                  case ALICE -> Optional.of(INVITE_CODE);
                  case HEIDI -> Optional.of(HEIDI_CODE);
                  default -> Optional.empty();
                });
  }

  /** The values of {@code key}'s locked attributes, written out by hand. */
  static List<String> lockedValues(EmailKey key) {
    return find(key)
        .map(
            invitee ->
                switch (invitee) {
                  case ALICE -> List.of("Alice Example");
                  case HEIDI -> List.of("Heidi Labs");
                  default -> List.<String>of();
                })
        .orElse(List.of());
  }

  /** A name for {@code key} fit for a failure message, which must not show addresses. */
  static String describe(EmailKey key) {
    return find(key).map(Enum::name).orElse("an address with no invitation");
  }

  private static Optional<Invitee> find(EmailKey key) {
    for (Invitee invitee : values()) {
      if (invitee.email.equals(key.value())) {
        return Optional.of(invitee);
      }
    }
    return Optional.empty();
  }

  static List<String> emails() {
    List<String> emails = new ArrayList<>();
    for (Invitee invitee : values()) {
      emails.add(invitee.email);
    }
    return emails;
  }

  static List<InvitationDocument> documents() {
    String code = "extension_" + EXTENSIONS_APP + "_InviteCode";
    String organization = "extension_" + EXTENSIONS_APP + "_Organization";
    Map<String, Object> alice = new LinkedHashMap<>();
    alice.put("displayName", "Alice Example");
    alice.put(code, INVITE_CODE);
    alice.put(organization, "Example Partners");
    Map<String, Object> carol = new LinkedHashMap<>();
    carol.put("displayName", "Carol Example");
    carol.put(organization, "Example Partners");
    Map<String, Object> heidi = new LinkedHashMap<>();
    heidi.put("InviteCode", HEIDI_CODE);
    heidi.put(organization, "Heidi Labs");
    heidi.put("extension_" + EXTENSIONS_APP + "_CohortYear", 2025L);
    return List.of(
        document(ALICE, "*", grant(alice, List.of("displayName"), List.of())),
        document(CAROL, "*", grant(carol, List.of(), List.of("beta", "partners"))),
        document(DAVE, "*", grant(Map.of(), List.of(), List.of())),
        document(HEIDI, "*", grant(heidi, List.of(organization), List.of("staff"))),
        document(IVAN, APP, grant(Map.of("displayName", "Ivan"), List.of(), List.of())),
        document(FRANK, OTHER_APP, grant(Map.of(), List.of(), List.of())),
        document(
            GRACE,
            Map.of(
                "*",
                grant(Map.of(), List.of(), List.of()),
                APP,
                new ScopeEntry(
                    "evt-revoke-app",
                    LATER,
                    false,
                    Optional.empty(),
                    Map.of(),
                    List.of(),
                    List.of()))),
        document(
            BOB,
            "*",
            new ScopeEntry(
                "evt-revoke", LATER, false, Optional.empty(), Map.of(), List.of(), List.of())),
        document(
            ERIN,
            "*",
            new ScopeEntry(
                "evt-expiring",
                GRANTED,
                true,
                Optional.of(LATER),
                Map.of("displayName", "Erin"),
                List.of(),
                List.of())));
  }

  private static ScopeEntry grant(
      Map<String, Object> attributes, List<String> locked, List<String> roles) {
    return new ScopeEntry("evt-grant", GRANTED, true, Optional.empty(), attributes, locked, roles);
  }

  private static InvitationDocument document(Invitee invitee, String scope, ScopeEntry entry) {
    return document(invitee, Map.of(scope, entry));
  }

  private static InvitationDocument document(Invitee invitee, Map<String, ScopeEntry> scopes) {
    return new InvitationDocument(EmailKey.of(invitee.email), scopes);
  }
}
