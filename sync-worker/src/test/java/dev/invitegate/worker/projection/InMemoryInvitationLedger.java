package dev.invitegate.worker.projection;

import dev.invitegate.contracts.EmailKey;
import dev.invitegate.contracts.InvitationDocument;
import dev.invitegate.contracts.InvitationDocumentCodec;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ledger port in memory, with the semantics of Cosmos DB that matter here: documents stored as
 * JSON, a fresh ETag per write, create failing on an existing id, replace failing on a stale ETag.
 * Tests can queue failures and run code just before a write to stage a lost race.
 */
public final class InMemoryInvitationLedger implements InvitationLedger {

  private record Stored(String json, String etag) {}

  private final Map<String, Stored> documents = new ConcurrentHashMap<>();
  private final AtomicLong versions = new AtomicLong();
  private final Deque<LedgerFailure> queuedFailures = new ArrayDeque<>();
  private volatile Runnable beforeNextWrite = () -> {};

  @Override
  public Optional<Versioned<InvitationDocument>> read(EmailKey key) {
    failIfQueued();
    Stored stored = documents.get(key.value());
    return Optional.ofNullable(stored)
        .map(s -> new Versioned<>(InvitationDocumentCodec.fromJson(s.json()), s.etag()));
  }

  @Override
  public WriteResult create(InvitationDocument document) {
    failIfQueued();
    runBeforeWrite();
    Stored fresh = fresh(document);
    Stored previous = documents.putIfAbsent(document.id().value(), fresh);
    return previous == null ? new WriteResult.Written(fresh.etag()) : new WriteResult.Conflict();
  }

  @Override
  public WriteResult replaceIf(InvitationDocument document, String etag) {
    failIfQueued();
    runBeforeWrite();
    Stored fresh = fresh(document);
    boolean[] replaced = {false};
    documents.computeIfPresent(
        document.id().value(),
        (id, current) -> {
          if (current.etag().equals(etag)) {
            replaced[0] = true;
            return fresh;
          }
          return current;
        });
    return replaced[0] ? new WriteResult.Written(fresh.etag()) : new WriteResult.Conflict();
  }

  /** The stored document, bypassing queued failures. */
  public Optional<InvitationDocument> stored(EmailKey key) {
    return Optional.ofNullable(documents.get(key.value()))
        .map(s -> InvitationDocumentCodec.fromJson(s.json()));
  }

  /** Writes a document as another writer would, giving it a new ETag. */
  public void writeBehindTheProjectorsBack(InvitationDocument document) {
    documents.put(document.id().value(), fresh(document));
  }

  /** The next ledger calls throw these, in order. */
  public synchronized void failNext(LedgerFailure... failures) {
    queuedFailures.addAll(java.util.List.of(failures));
  }

  /** Runs {@code action} once, right before the next create or replace is attempted. */
  public void beforeNextWrite(Runnable action) {
    beforeNextWrite = action;
  }

  private void runBeforeWrite() {
    Runnable action = beforeNextWrite;
    beforeNextWrite = () -> {};
    action.run();
  }

  private synchronized void failIfQueued() {
    LedgerFailure failure = queuedFailures.poll();
    if (failure != null) {
      throw failure;
    }
  }

  private Stored fresh(InvitationDocument document) {
    return new Stored(
        InvitationDocumentCodec.toJsonString(document), "\"" + versions.incrementAndGet() + "\"");
  }
}
