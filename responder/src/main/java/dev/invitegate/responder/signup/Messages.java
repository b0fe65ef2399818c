package dev.invitegate.responder.signup;

import java.util.Objects;

/** The texts users see; plain text, deliberately silent about whether an address is known. */
public record Messages(
    String notInvited,
    String noEmail,
    String temporarilyUnavailable,
    String fixHighlightedField,
    String inviteCodeMismatch) {

  public static final String DEFAULT_NOT_INVITED =
      "Sign-up is by invitation only. If you believe you were invited, use the email address the"
          + " invitation was sent to, or contact the site owner.";

  public Messages {
    Objects.requireNonNull(notInvited, "notInvited");
    Objects.requireNonNull(noEmail, "noEmail");
    Objects.requireNonNull(temporarilyUnavailable, "temporarilyUnavailable");
    Objects.requireNonNull(fixHighlightedField, "fixHighlightedField");
    Objects.requireNonNull(inviteCodeMismatch, "inviteCodeMismatch");
  }

  /** The defaults, with the not-invited text replaced by {@code notInvited}. */
  public static Messages withNotInvited(String notInvited) {
    return new Messages(
        notInvited,
        "We couldn't confirm an email address for this sign-up. Sign-up is by invitation only;"
            + " please use the email address your invitation was sent to.",
        "Sign-up is temporarily unavailable. Please try again in a few minutes.",
        "Please fix the highlighted field to continue.",
        "This invitation code doesn't match the one sent to your email address.");
  }

  public static Messages defaults() {
    return withNotInvited(DEFAULT_NOT_INVITED);
  }
}
