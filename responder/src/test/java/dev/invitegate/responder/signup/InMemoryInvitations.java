package dev.invitegate.responder.signup;

import dev.invitegate.contracts.EmailKey;
import dev.invitegate.contracts.InvitationDocument;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** An invitation store in memory, which can also be told to fail. */
public final class InMemoryInvitations implements InvitationLookup {

  private final Map<EmailKey, InvitationDocument> documents = new ConcurrentHashMap<>();
  private final List<EmailKey> reads = new CopyOnWriteArrayList<>();
  private volatile LookupResult.Failure failure;

  public InMemoryInvitations(Collection<InvitationDocument> documents) {
    documents.forEach(this::put);
  }

  public void put(InvitationDocument document) {
    documents.put(document.id(), document);
  }

  /** Every later read fails this way, until {@code null} is set. */
  public void failWith(LookupResult.Failure failure) {
    this.failure = failure;
  }

  public List<EmailKey> reads() {
    return List.copyOf(reads);
  }

  /** Forgets the reads so far: a fuzzing run reads far too often to keep them all. */
  public void clearReads() {
    reads.clear();
  }

  @Override
  public LookupResult find(EmailKey email, Duration budget) {
    reads.add(email);
    LookupResult.Failure failing = failure;
    if (failing != null) {
      return new LookupResult.Failed(failing, "told to fail", Duration.ofMillis(1));
    }
    return new LookupResult.Read(Optional.ofNullable(documents.get(email)), Duration.ofMillis(1));
  }
}
