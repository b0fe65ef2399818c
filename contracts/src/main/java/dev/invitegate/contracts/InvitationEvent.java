package dev.invitegate.contracts;

import java.time.Instant;
import java.util.Optional;

/**
 * An invitation event as published by an upstream system: a CloudEvents 1.0 event whose {@code
 * type} says whether an email address is invited or no longer invited.
 */
public sealed interface InvitationEvent permits InvitationGranted, InvitationRevoked {

  /** CloudEvents {@code type} of {@link InvitationGranted}. */
  String TYPE_GRANTED = "dev.invitegate.invitation.granted";

  /** CloudEvents {@code type} of {@link InvitationRevoked}. */
  String TYPE_REVOKED = "dev.invitegate.invitation.revoked";

  /**
   * CloudEvents {@code id}: unique per event; breaks ties between events of equal {@link #time}.
   */
  String id();

  /** CloudEvents {@code source}: a URI-reference naming the publisher. */
  String source();

  /** CloudEvents {@code time}: decides which of two events for the same scope is the latest. */
  Instant time();

  EmailKey email();

  /**
   * The Entra application (client) ID as a lower-case GUID; empty means every application of the
   * tenant.
   */
  Optional<String> applicationId();

  /** The CloudEvents {@code type} of this event. */
  String type();

  /**
   * The document scope this event replaces: the application ID, or {@link
   * InvitationDocument#ALL_APPLICATIONS}.
   */
  default String scope() {
    return applicationId().orElse(InvitationDocument.ALL_APPLICATIONS);
  }
}
