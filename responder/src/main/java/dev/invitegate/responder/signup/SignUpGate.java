package dev.invitegate.responder.signup;

import dev.invitegate.contracts.EmailKey;
import dev.invitegate.contracts.InvitationStatus;
import dev.invitegate.contracts.ScopeEntry;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides one Entra call from at most one invitation read. Fails closed: no email, no answer from
 * the store in time, or anything but a live grant blocks the sign-up.
 */
public final class SignUpGate {

  static final String INVITE_STATUS_CLAIM = "inviteStatus";
  static final String INVITE_GROUPS_CLAIM = "inviteGroups";

  private final InvitationLookup lookup;
  private final Clock clock;
  private final Messages messages;
  private final InviteCodeAttribute inviteCode;

  public SignUpGate(
      InvitationLookup lookup, Clock clock, Messages messages, InviteCodeAttribute inviteCode) {
    this.lookup = Objects.requireNonNull(lookup, "lookup");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.messages = Objects.requireNonNull(messages, "messages");
    this.inviteCode = Objects.requireNonNull(inviteCode, "inviteCode");
  }

  /**
   * Decides {@code request}, reading the store for at most {@code budget}; a budget already spent
   * counts as a store timeout.
   */
  public SignUpDecision decide(SignUpRequest request, Duration budget) {
    if (request.email().isEmpty()) {
      return new SignUpDecision(
          refuse(request, Action.BlockCause.NO_EMAIL), "no_email", Optional.empty());
    }
    LookupResult result = read(request.email().get(), budget);
    return switch (result) {
      case LookupResult.Failed failed ->
          new SignUpDecision(
              refuse(request, Action.BlockCause.TEMPORARILY_UNAVAILABLE),
              failed.failure().reason(),
              Optional.of(failed.latency()));
      case LookupResult.Read read -> decide(request, read);
    };
  }

  private LookupResult read(EmailKey email, Duration budget) {
    if (!budget.isPositive()) {
      return new LookupResult.Failed(
          LookupResult.Failure.TIMEOUT, "deadline spent before the read", Duration.ZERO);
    }
    return lookup.find(email, budget);
  }

  private SignUpDecision decide(SignUpRequest request, LookupResult.Read read) {
    InvitationStatus decision =
        read.document()
            .map(doc -> doc.decide(request.applicationId().orElse(null), clock.instant()))
            .orElseGet(InvitationStatus::noDocument);
    Optional<Duration> latency = Optional.of(read.latency());
    return switch (decision) {
      case InvitationStatus.NotInvited notInvited ->
          new SignUpDecision(
              refuse(request, Action.BlockCause.NOT_INVITED),
              notInvited.reason().name().toLowerCase(Locale.ROOT),
              latency);
      case InvitationStatus.Invited invited -> admit(request, invited.grant(), latency);
    };
  }

  private SignUpDecision admit(
      SignUpRequest request, ScopeEntry grant, Optional<Duration> latency) {
    return switch (request.kind()) {
      case ATTRIBUTE_COLLECTION_START ->
          new SignUpDecision(prefill(request.submittedAttributes(), grant), "invited", latency);
      case ATTRIBUTE_COLLECTION_SUBMIT -> submit(request.submittedAttributes(), grant, latency);
      case TOKEN_ISSUANCE_START -> new SignUpDecision(invitedClaims(grant), "invited", latency);
    };
  }

  /**
   * The invitation's attributes, the code aside, under the names the form uses: Entra ignores a
   * prefill whose name the flow does not collect, so a bare name stored by the publisher is sent as
   * the {@code extension_<appId>_<name>} the request shows, when it shows one.
   */
  private Action prefill(Map<String, Object> collected, ScopeEntry grant) {
    Map<String, Object> inputs = new LinkedHashMap<>();
    grant
        .attributes()
        .forEach(
            (name, value) -> {
              if (!inviteCode.matches(name)) {
                inputs.put(formName(collected, name), value);
              }
            });
    return inputs.isEmpty() ? new Action.Continue() : new Action.Prefill(inputs);
  }

  private static String formName(Map<String, Object> collected, String invitedName) {
    if (collected.containsKey(invitedName)) {
      return invitedName;
    }
    for (String name : collected.keySet()) {
      if (AttributeName.same(name, invitedName)) {
        return name;
      }
    }
    return invitedName;
  }

  /**
   * Submit, for an invited email: the invitation code must be typed right, and locked attributes
   * keep their invited values. The invitation's attribute names and the submitted ones meet by
   * {@link AttributeName#same}; a locked attribute changed, cleared or left out is put back.
   */
  private SignUpDecision submit(
      Map<String, Object> submitted, ScopeEntry grant, Optional<Duration> latency) {
    Map<String, String> errors = new LinkedHashMap<>();
    Map<String, Object> restore = new LinkedHashMap<>();
    checkInviteCode(submitted, grant.attributes(), errors, restore);
    if (!errors.isEmpty()) {
      return new SignUpDecision(
          new Action.ShowValidationError(messages.fixHighlightedField(), errors),
          "invite_code_mismatch",
          latency);
    }
    for (String locked : grant.lockedAttributes()) {
      if (inviteCode.matches(locked)) {
        continue;
      }
      Object invitedValue = grant.attributes().get(locked);
      boolean present = false;
      for (var entry : submitted.entrySet()) {
        if (AttributeName.same(entry.getKey(), locked)) {
          present = true;
          if (!sameValue(entry.getValue(), invitedValue)) {
            restore.put(entry.getKey(), invitedValue);
          }
        }
      }
      if (!present) {
        restore.put(locked, invitedValue);
      }
    }
    if (!restore.isEmpty()) {
      return new SignUpDecision(new Action.Modify(restore), "invited_restored", latency);
    }
    return new SignUpDecision(new Action.Continue(), "invited", latency);
  }

  /**
   * When the invitation holds a code (a value that is not blank, under any name the code attribute
   * matches), every submitted code attribute must carry it, and at least one must be there:
   * missing, null, empty, blank or wrong is an error on that field (on the invitation's own name
   * when the form sent none). A right code typed differently is stored as invited.
   */
  private void checkInviteCode(
      Map<String, Object> submitted,
      Map<String, Object> invited,
      Map<String, String> errors,
      Map<String, Object> restore) {
    Map<String, Object> invitedCodes = new LinkedHashMap<>();
    invited.forEach(
        (name, value) -> {
          String code = InviteCodeAttribute.normalise(value);
          if (inviteCode.matches(name) && !code.isEmpty()) {
            invitedCodes.put(code, value);
          }
        });
    if (invitedCodes.isEmpty()) {
      return;
    }
    boolean sent = false;
    for (var entry : submitted.entrySet()) {
      if (!inviteCode.matches(entry.getKey())) {
        continue;
      }
      sent = true;
      String typed = InviteCodeAttribute.normalise(entry.getValue());
      Object invitedValue = typed.isEmpty() ? null : invitedCodes.get(typed);
      if (invitedValue == null) {
        errors.put(entry.getKey(), messages.inviteCodeMismatch());
      } else if (!invitedValue.equals(entry.getValue())) {
        restore.put(entry.getKey(), invitedValue);
      }
    }
    if (!sent) {
      errors.put(invitedCodeName(invited), messages.inviteCodeMismatch());
    }
  }

  private String invitedCodeName(Map<String, Object> invited) {
    for (var entry : invited.entrySet()) {
      if (inviteCode.matches(entry.getKey())
          && !InviteCodeAttribute.normalise(entry.getValue()).isEmpty()) {
        return entry.getKey();
      }
    }
    throw new IllegalStateException("only called when the invitation holds a code");
  }

  private static boolean sameValue(Object submitted, Object invited) {
    if (submitted instanceof Number a && invited instanceof Number b) {
      return a.longValue() == b.longValue();
    }
    return Objects.equals(submitted, invited);
  }

  private static Action invitedClaims(ScopeEntry grant) {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put(INVITE_STATUS_CLAIM, "invited");
    if (!grant.roles().isEmpty()) {
      claims.put(INVITE_GROUPS_CLAIM, List.copyOf(grant.roles()));
    }
    return new Action.ProvideClaims(claims);
  }

  /**
   * Token issuance runs on every sign-in, where failing would lock everyone out; it only ever
   * reports the status, never blocks.
   */
  private Action refuse(SignUpRequest request, Action.BlockCause cause) {
    if (request.kind() == EventKind.TOKEN_ISSUANCE_START) {
      String status = cause == Action.BlockCause.NOT_INVITED ? "not_invited" : "unknown";
      return new Action.ProvideClaims(Map.of(INVITE_STATUS_CLAIM, status));
    }
    String message =
        switch (cause) {
          case NOT_INVITED -> messages.notInvited();
          case NO_EMAIL -> messages.noEmail();
          case TEMPORARILY_UNAVAILABLE -> messages.temporarilyUnavailable();
        };
    return new Action.Block(cause, message);
  }
}
