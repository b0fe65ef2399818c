'use strict';
// In-memory queue model of the Service Bus stand-in (test and development only): available messages ordered by
// sequence number, peek-locked messages with lock timers, a dead-letter sub-queue, and automatic dead-lettering
// after max delivery count. Delivery to links goes through the Consumer interface implemented by the AMQP layer.

const crypto = require('crypto');
const {lockTokenFromTag, withApplicationProperties} = require('./codec.js');

const DEAD_LETTER_SUFFIX = '/$deadletterqueue';

const DEFAULTS = Object.freeze({lockDurationMs: 60000, maxDeliveryCount: 10, duplicateDetectionWindowMs: 0});

/** Outcome of a settlement request, mapped to an AMQP outcome by the caller. */
const Settled = Object.freeze({ok: 'ok', lockLost: 'lock-lost'});

class Entity {
  constructor(name, {lockDurationMs, maxDeliveryCount, duplicateDetectionWindowMs = 0}, log, deadLetterTarget) {
    this.name = name;
    this.lockDurationMs = lockDurationMs;
    this.maxDeliveryCount = maxDeliveryCount;
    // Duplicate detection: 0 is off; else message ids seen within the window, in the order first seen.
    this.duplicateDetectionWindowMs = duplicateDetectionWindowMs;
    this.seenMessageIds = new Map(); // message-id key -> time first seen
    this.log = log;
    this.deadLetterTarget = deadLetterTarget; // null for a dead-letter queue
    this.available = []; // stored messages, ascending sequence number
    this.locked = new Map(); // lock token string -> lock
    this.consumers = [];
    this.nextConsumer = 0;
    this.nextSequenceNumber = 1;
    this.dispatchScheduled = false;
  }

  /**
   * Stores a decoded client message, stamping sequence number and enqueued time; with duplicate detection on, a
   * message whose message-id was sent within the window is dropped (the send still succeeds, as on Service Bus)
   * and null is returned.
   */
  enqueue(message) {
    if (this.isDuplicate(message)) {
      this.log(`duplicate dropped: ${this.name} message-id ${message.messageId}`);
      return null;
    }
    message.sequenceNumber = this.nextSequenceNumber++;
    message.enqueuedTime = Date.now();
    message.deliveryCount = 0;
    this.available.push(message);
    this.scheduleDispatch();
    return message;
  }

  isDuplicate(message) {
    if (!this.duplicateDetectionWindowMs || message.messageId === undefined) return false;
    const now = Date.now();
    for (const [id, seen] of this.seenMessageIds) {
      if (now - seen < this.duplicateDetectionWindowMs) break;
      this.seenMessageIds.delete(id);
    }
    if (this.seenMessageIds.has(message.messageId)) return true;
    this.seenMessageIds.set(message.messageId, now);
    return false;
  }

  /** Stores a message moved here from another entity, keeping its sequence number. */
  insert(message) {
    let i = this.available.length;
    while (i > 0 && this.available[i - 1].sequenceNumber > message.sequenceNumber) i--;
    this.available.splice(i, 0, message);
    if (message.sequenceNumber >= this.nextSequenceNumber) this.nextSequenceNumber = message.sequenceNumber + 1;
    this.scheduleDispatch();
  }

  addConsumer(consumer) {
    this.consumers.push(consumer);
    this.scheduleDispatch();
  }

  removeConsumer(consumer) {
    const i = this.consumers.indexOf(consumer);
    if (i >= 0) this.consumers.splice(i, 1);
  }

  scheduleDispatch() {
    if (this.dispatchScheduled) return;
    this.dispatchScheduled = true;
    setImmediate(() => {
      this.dispatchScheduled = false;
      this.dispatch();
    });
  }

  /** Hands available messages to consumers with credit, round robin. */
  dispatch() {
    while (this.available.length > 0 && this.consumers.length > 0) {
      const consumer = this.pickConsumer();
      if (!consumer) break;
      const message = this.available.shift();
      if (consumer.peekLock) {
        const tag = crypto.randomBytes(16);
        const lock = this.lock(message, tag);
        consumer.deliver(message, {tag, lockedUntil: lock.lockedUntil, lockToken: lock.token, deliveryCount: message.deliveryCount - 1});
      } else {
        consumer.deliver(message, {tag: crypto.randomBytes(16), deliveryCount: message.deliveryCount});
      }
    }
    for (const consumer of this.consumers) consumer.idle(this.available.length === 0);
  }

  pickConsumer() {
    for (let n = 0; n < this.consumers.length; n++) {
      const index = (this.nextConsumer + n) % this.consumers.length;
      if (this.consumers[index].canAccept()) {
        this.nextConsumer = (index + 1) % this.consumers.length;
        return this.consumers[index];
      }
    }
    return null;
  }

  lock(message, tag) {
    const token = lockTokenFromTag(tag);
    message.deliveryCount += 1;
    const lock = {token, message, lockedUntil: Date.now() + this.lockDurationMs, timer: null};
    this.locked.set(token, lock);
    this.armLockTimer(lock);
    return lock;
  }

  armLockTimer(lock) {
    clearTimeout(lock.timer);
    lock.timer = setTimeout(() => this.expire(lock.token), Math.max(0, lock.lockedUntil - Date.now()));
    lock.timer.unref();
  }

  expire(token) {
    const lock = this.locked.get(token);
    if (!lock) return;
    this.locked.delete(token);
    this.log(`lock expired: ${this.name} #${lock.message.sequenceNumber}`);
    this.release(lock.message);
  }

  /** Makes a message available again, or dead-letters it once it has been delivered max-delivery-count times. */
  release(message) {
    if (this.deadLetterTarget && message.deliveryCount >= this.maxDeliveryCount) {
      this.deadLetter(message, {
        DeadLetterReason: 'MaxDeliveryCountExceeded',
        DeadLetterErrorDescription: `Message could not be consumed after ${this.maxDeliveryCount} delivery attempts.`,
      });
    } else {
      this.insert(message);
    }
  }

  deadLetter(message, reasonEntries) {
    if (!this.deadLetterTarget) {
      // A dead-letter queue has no dead-letter queue of its own: keep the message where it is.
      this.insert(message);
      return;
    }
    this.deadLetterTarget.acceptDeadLetter(message, this.name, reasonEntries);
  }

  acceptDeadLetter(message, source, reasonEntries) {
    const entries = Object.fromEntries(Object.entries(reasonEntries).filter(([, v]) => v !== undefined && v !== null));
    const moved = {
      ...message,
      applicationProperties: Object.keys(entries).length ? withApplicationProperties(message, entries) : message.applicationProperties,
      deadLetterSource: source,
      deliveryCount: 0,
    };
    this.insert(moved);
  }

  /** Settles a peek-locked message; `action` is complete, abandon, deadLetter or defer. */
  settle(token, action, details = {}) {
    const lock = this.locked.get(token);
    if (!lock) return Settled.lockLost;
    this.locked.delete(token);
    clearTimeout(lock.timer);
    switch (action) {
      case 'complete':
        break;
      case 'deadLetter':
        this.deadLetter(lock.message, details);
        break;
      case 'abandon':
      case 'defer': // documented simplification: deferral is treated as abandon
      default:
        this.release(lock.message);
    }
    return Settled.ok;
  }

  /** Returns a message whose delivery never left the process, as if it had not been delivered. */
  unlockUndelivered(token) {
    const lock = this.locked.get(token);
    if (!lock) return;
    this.locked.delete(token);
    clearTimeout(lock.timer);
    lock.message.deliveryCount -= 1;
    this.insert(lock.message);
  }

  renew(token) {
    const lock = this.locked.get(token);
    if (!lock) return null;
    lock.lockedUntil = Date.now() + this.lockDurationMs;
    this.armLockTimer(lock);
    return lock.lockedUntil;
  }

  /** Messages from a sequence number on, in sequence order, including locked ones (as the real service does). */
  peek(fromSequenceNumber, count) {
    const all = [...this.available, ...[...this.locked.values()].map((lock) => lock.message)];
    return all
      .filter((m) => m.sequenceNumber >= fromSequenceNumber)
      .sort((a, b) => a.sequenceNumber - b.sequenceNumber)
      .slice(0, count);
  }

  stats() {
    return {active: this.available.length, locked: this.locked.size, nextSequenceNumber: this.nextSequenceNumber};
  }

  close() {
    for (const lock of this.locked.values()) clearTimeout(lock.timer);
    this.locked.clear();
    this.available = [];
  }
}

class Namespace {
  constructor(defaults, log) {
    this.defaults = {...DEFAULTS, ...defaults};
    this.log = log;
    this.queues = new Map();
  }

  /** Creates a queue; returns false when it already existed (its settings stay unchanged). */
  create(name, settings = {}) {
    if (this.queues.has(name)) return false;
    const merged = {...this.defaults, ...settings};
    const deadLetter = new Entity(
      name + DEAD_LETTER_SUFFIX,
      {...merged, maxDeliveryCount: Infinity, duplicateDetectionWindowMs: 0},
      this.log,
      null,
    );
    const queue = new Entity(name, merged, this.log, deadLetter);
    queue.deadLetterQueue = deadLetter;
    this.queues.set(name, queue);
    return true;
  }

  delete(name) {
    const queue = this.queues.get(name);
    if (!queue) return false;
    // Receivers attached to a deleted queue learn it at once, as on Service Bus: their links close.
    for (const entity of [queue, queue.deadLetterQueue]) {
      for (const consumer of [...entity.consumers]) {
        if (consumer.entityDeleted) consumer.entityDeleted();
        entity.removeConsumer(consumer);
      }
    }
    queue.close();
    queue.deadLetterQueue.close();
    this.queues.delete(name);
    return true;
  }

  /** Resolves an entity path (a queue or `<queue>/$deadletterqueue`, case-insensitive suffix) or null. */
  resolve(path) {
    const clean = String(path || '').replace(/^\/+/, '');
    if (clean.toLowerCase().endsWith(DEAD_LETTER_SUFFIX)) {
      const queue = this.queues.get(clean.slice(0, -DEAD_LETTER_SUFFIX.length));
      return queue ? queue.deadLetterQueue : null;
    }
    return this.queues.get(clean) || null;
  }

  stats(name) {
    const queue = this.queues.get(name);
    if (!queue) return null;
    const main = queue.stats();
    const dlq = queue.deadLetterQueue.stats();
    return {
      active: main.active,
      locked: main.locked,
      deadLettered: dlq.active + dlq.locked,
      nextSequenceNumber: main.nextSequenceNumber,
    };
  }
}

module.exports = {Namespace, Settled, DEFAULTS, DEAD_LETTER_SUFFIX};
