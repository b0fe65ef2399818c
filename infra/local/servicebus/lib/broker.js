'use strict';
// AMQP 1.0 side of the Service Bus stand-in (test and development only, never a production path).
// Speaks what the Azure Service Bus SDKs use: SASL ANONYMOUS, CBS put-token on `$cbs`, entity senders and
// receivers (peek-lock and receive-and-delete), dispositions as settlement, and the `$management` node.

const rhea = require('rhea');
const frames = require('rhea/lib/frames.js');
const codec = require('./codec.js');
const {Settled} = require('./queues.js');
const {ManagementNode} = require('./management.js');

const types = rhea.types;
const amqpMessage = rhea.message;

const MAX_MESSAGE_SIZE = 256 * 1024;
const CBS_NODE = '$cbs';
const MANAGEMENT_SUFFIX = '/$management';

// rhea hands applications a decoded message and drops the transfer bytes; the stand-in stores raw sections, so
// keep the bytes beside the decoded form. A message rhea cannot decode must not take down the connection either.
const originalDecode = amqpMessage.decode;
amqpMessage.decode = function decodeKeepingBytes(buffer) {
  let decoded;
  try {
    decoded = originalDecode(buffer);
  } catch (error) {
    decoded = {decodeError: error};
  }
  Object.defineProperty(decoded, 'raw', {value: buffer, enumerable: false});
  return decoded;
};

/**
 * Settles a delivery with one disposition frame of its own. rhea 3.0.5 merges the dispositions it writes in one pass
 * into id ranges and, while a range holds a single delivery, appends the next delivery without comparing outcomes
 * (`first !== last && ...` in session.js write_dispositions): a complete of #n and an abandon of #n+1 read in one
 * chunk went out as one Accepted for n..n+1, which the Java SDK reports on the abandon as an error `Accepted{}`;
 * likewise a rejected transfer lent its Rejected to an accepted one after it. The bookkeeping is what
 * `delivery.update(true, state)` does, minus the batching.
 */
function settle(delivery, state) {
  delivery.settled = true;
  if (state !== undefined) delivery.state = state;
  if (delivery.remote_settled) return;
  const {link} = delivery;
  link.session.output(
    frames.disposition({role: link.is_receiver(), first: delivery.id, last: delivery.id, settled: true, state}),
  );
  link.connection._register(); // lets rhea drop the settled delivery and update its windows
}

function addressOf(terminus) {
  return terminus && terminus.address ? String(terminus.address) : '';
}

function statusProperties(code, description, errorCondition) {
  const properties = {
    'status-code': types.wrap_int(code),
    statusCode: types.wrap_int(code),
    'status-description': description,
    statusDescription: description,
  };
  if (errorCondition) {
    properties.errorCondition = types.wrap_symbol(errorCondition);
    properties['error-condition'] = types.wrap_symbol(errorCondition);
  }
  return properties;
}

/** A sender link attached to a queue or dead-letter queue: the entity pushes messages through it. */
class LinkConsumer {
  constructor(sender, entity) {
    this.sender = sender;
    this.entity = entity;
    // snd-settle-mode settled (1) is receive-and-delete; otherwise the client settles: peek-lock.
    this.peekLock = sender.snd_settle_mode !== 1;
    this.unsent = [];
  }

  unsentCount() {
    const next = this.sender.session.outgoing.next_pending_delivery;
    while (this.unsent.length > 0 && this.unsent[0].id < next) this.unsent.shift();
    return this.unsent.length;
  }

  canAccept() {
    return (
      this.sender.is_open() &&
      this.sender.credit - this.unsentCount() > 0 &&
      this.sender.session.outgoing.available() > 0
    );
  }

  deliver(message, {tag, lockedUntil, lockToken, deliveryCount}) {
    const extraAnnotations = message.deadLetterSource
      ? [['x-opt-deadletter-source', types.wrap_string(message.deadLetterSource)]]
      : [];
    const payload = codec.encodeForDelivery(message, {deliveryCount, lockedUntil, extraAnnotations});
    const delivery = this.sender.send(payload, tag, 0);
    if (lockToken) delivery.lock = {entity: this.entity, token: lockToken};
    this.unsent.push(delivery);
  }

  /** The entity is gone (its queue was deleted): close the link as Service Bus does, with amqp:not-found. */
  entityDeleted() {
    if (this.sender.is_open()) {
      this.sender.close({
        condition: 'amqp:not-found',
        description: `The messaging entity 'sb://localhost/${this.entity.name}' could not be found. (Service Bus stand-in)`,
      });
    }
  }

  /** Answers a drain request once nothing is left to send. */
  idle(empty) {
    if (empty && this.sender._draining && this.sender.credit - this.unsentCount() > 0 && this.sender.is_open()) {
      this.sender.set_drained(true);
      this.sender.connection._register();
    }
  }

  /** Messages locked for deliveries that never left the process go back without counting a delivery. */
  detach() {
    this.entity.removeConsumer(this);
    const next = this.sender.session.outgoing.next_pending_delivery;
    for (const delivery of this.unsent) {
      if (delivery.id >= next && delivery.lock) this.entity.unlockUndelivered(delivery.lock.token);
    }
    this.unsent = [];
  }
}

class Broker {
  constructor(namespace, log) {
    this.namespace = namespace;
    this.log = log;
    this.management = new ManagementNode(namespace, log);
    this.container = rhea.create_container({id: 'servicebus-standin'});
    this.servers = [];
    this.wire();
  }

  listen({host, port}) {
    return new Promise((resolve, reject) => {
      const server = this.container.listen({
        host,
        port,
        // Each consumer keeps up to its credit in flight; unsettled peek-lock deliveries stay in rhea's window.
        session_buffer_size: 16384,
        sender_options: {treat_modified_as_released: false},
        receiver_options: {autoaccept: false, credit_window: 500, max_message_size: MAX_MESSAGE_SIZE},
      });
      server.once('listening', () => resolve(server.address().port));
      server.once('error', reject);
      server.on('error', (error) => this.log(`amqp server error: ${error.message}`));
      this.servers.push(server);
    });
  }

  close() {
    for (const server of this.servers) server.close();
  }

  wire() {
    const c = this.container;
    c.on('connection_open', (ctx) => {
      ctx.connection.standin = {consumers: new Set(), replyLinks: new Map()};
    });
    c.on('sender_open', (ctx) => this.guard(ctx, () => this.onSenderOpen(ctx.sender)));
    c.on('receiver_open', (ctx) => this.guard(ctx, () => this.onReceiverOpen(ctx.receiver)));
    c.on('message', (ctx) => this.guard(ctx, () => this.onMessage(ctx)));
    for (const outcome of ['accepted', 'rejected', 'modified', 'released']) {
      c.on(outcome, (ctx) => this.guard(ctx, () => this.onOutcome(ctx.delivery)));
    }
    c.on('sendable', (ctx) => this.kick(ctx.sender));
    c.on('sender_flow', (ctx) => this.kick(ctx.sender));
    c.on('sender_draining', (ctx) => this.kick(ctx.sender));
    c.on('sender_close', (ctx) => this.dropLink(ctx.sender));
    c.on('receiver_close', (ctx) => this.dropLink(ctx.receiver));
    c.on('session_close', (ctx) => this.dropSession(ctx.session));
    c.on('connection_close', (ctx) => this.dropConnection(ctx.connection));
    c.on('disconnected', (ctx) => this.dropConnection(ctx.connection));
    c.on('sender_error', () => {});
    c.on('receiver_error', () => {});
    c.on('session_error', () => {});
    c.on('connection_error', () => {});
    c.on('protocol_error', (ctx) => this.log(`protocol error: ${ctx && ctx.message ? ctx.message : ctx}`));
    c.on('error', (error) => this.log(`amqp error: ${error && error.message ? error.message : error}`));
  }

  guard(ctx, action) {
    try {
      action();
    } catch (error) {
      this.log(`failed handling an AMQP event: ${error.stack || error}`);
      const link = ctx.sender || ctx.receiver;
      if (link && !link.is_closed()) link.close({condition: 'amqp:internal-error', description: String(error.message)});
    }
  }

  state(connection) {
    if (!connection.standin) connection.standin = {consumers: new Set(), replyLinks: new Map()};
    return connection.standin;
  }

  /** A client receiver attached: we send from a queue, or replies of `$cbs` / `$management`. */
  onSenderOpen(sender) {
    const source = addressOf(sender.source);
    const replyTo = addressOf(sender.target);
    sender.local.attach.snd_settle_mode = sender.snd_settle_mode;
    sender.local.attach.rcv_settle_mode = sender.rcv_settle_mode;
    if (source === CBS_NODE || source.endsWith(MANAGEMENT_SUFFIX)) {
      if (source !== CBS_NODE && !this.namespace.resolve(source.slice(0, -MANAGEMENT_SUFFIX.length))) {
        return this.notFound(sender, source.slice(0, -MANAGEMENT_SUFFIX.length));
      }
      this.echoTermini(sender);
      if (replyTo) this.state(sender.connection).replyLinks.set(replyTo, sender);
      return;
    }
    const entity = this.namespace.resolve(source);
    if (!entity) return this.notFound(sender, source);
    this.echoTermini(sender);
    const consumer = new LinkConsumer(sender, entity);
    sender.standinConsumer = consumer;
    this.state(sender.connection).consumers.add(consumer);
    entity.addConsumer(consumer);
    this.log(`receiver attached: ${source} (${consumer.peekLock ? 'peek-lock' : 'receive-and-delete'})`);
  }

  /** A client sender attached: to a queue, or requests to `$cbs` / `$management`. */
  onReceiverOpen(receiver) {
    const target = addressOf(receiver.target);
    if (target === CBS_NODE) return this.echoTermini(receiver);
    const entityPath = target.endsWith(MANAGEMENT_SUFFIX) ? target.slice(0, -MANAGEMENT_SUFFIX.length) : target;
    const entity = this.namespace.resolve(entityPath);
    if (!entity) return this.notFound(receiver, entityPath);
    if (!target.endsWith(MANAGEMENT_SUFFIX) && !entity.deadLetterTarget) {
      return receiver.close({condition: 'amqp:not-allowed', description: `Cannot send to '${entityPath}'.`});
    }
    this.echoTermini(receiver);
  }

  echoTermini(link) {
    if (link.source) link.set_source({address: addressOf(link.source)});
    if (link.target) link.set_target({address: addressOf(link.target)});
  }

  notFound(link, entityPath) {
    this.log(`attach to missing entity: ${entityPath}`);
    link.close({
      condition: 'amqp:not-found',
      description: `The messaging entity 'sb://localhost/${entityPath}' could not be found. (Service Bus stand-in)`,
    });
  }

  onMessage(ctx) {
    const receiver = ctx.receiver;
    const target = addressOf(receiver.target);
    if (target === CBS_NODE) return this.onCbs(ctx);
    if (target.endsWith(MANAGEMENT_SUFFIX)) return this.onManagement(ctx, target.slice(0, -MANAGEMENT_SUFFIX.length));
    this.onSend(ctx, target);
  }

  onSend(ctx, target) {
    const delivery = ctx.delivery;
    const entity = this.namespace.resolve(target);
    const payload = ctx.format ? ctx.message : ctx.message.raw;
    if (!entity) return this.reject(delivery, 'amqp:not-found', `The messaging entity '${target}' could not be found.`);
    if (payload.length > MAX_MESSAGE_SIZE) {
      return this.reject(
        delivery,
        'amqp:link:message-size-exceeded',
        `The received message (size ${payload.length} bytes) exceeds the limit (${MAX_MESSAGE_SIZE} bytes).`,
      );
    }
    let messages;
    try {
      messages = codec.splitTransfer(payload, ctx.format).map(codec.decodeMessage);
    } catch (error) {
      return this.reject(delivery, 'amqp:decode-error', `Malformed message: ${error.message}`);
    }
    for (const message of messages) entity.enqueue(message);
    settle(delivery, amqpMessage.accepted().described());
  }

  reject(delivery, condition, description) {
    this.log(`rejected a transfer: ${condition}: ${description}`);
    settle(delivery, amqpMessage.rejected({error: {condition, description}}).described());
  }

  onCbs(ctx) {
    const request = codec.requestEnvelope(ctx.message.raw);
    settle(ctx.delivery, amqpMessage.accepted().described());
    this.reply(ctx, request, {application_properties: statusProperties(200, 'OK (stand-in accepts any token)')});
  }

  onManagement(ctx, entityPath) {
    const request = codec.requestEnvelope(ctx.message.raw);
    settle(ctx.delivery, amqpMessage.accepted().described());
    const answer = this.management.handle(entityPath, ctx.message);
    this.reply(ctx, request, {
      application_properties: statusProperties(answer.status, answer.description, answer.errorCondition),
      body: answer.body === undefined ? null : answer.body,
    });
  }

  reply(ctx, request, message) {
    const links = this.state(ctx.connection).replyLinks;
    const sender = (request.replyTo && links.get(request.replyTo)) || this.fallbackReplyLink(ctx);
    if (!sender) {
      this.log(`no reply link for ${request.replyTo}`);
      return;
    }
    const reply = {...message, to: request.replyTo};
    if (request.messageId !== undefined) reply.correlation_id = request.messageId;
    sender.send(reply);
  }

  fallbackReplyLink(ctx) {
    const node = addressOf(ctx.receiver.target);
    return ctx.session.find_sender((link) => addressOf(link.source) === node && link.is_open());
  }

  /** Client settlement of a delivery we sent: complete, abandon, defer or dead-letter a peek-locked message. */
  onOutcome(delivery) {
    if (!delivery.lock) {
      if (!delivery.settled && !delivery.remote_settled) settle(delivery);
      return;
    }
    if (delivery.answered) return;
    delivery.answered = true;
    const state = delivery.remote_state;
    const {action, details, echo} = interpretOutcome(state);
    const result = delivery.lock.entity.settle(delivery.lock.token, action, details);
    if (delivery.remote_settled) return;
    const outcome =
      result === Settled.ok
        ? echo
        : amqpMessage.rejected({
            error: {
              condition: 'com.microsoft:message-lock-lost',
              description: 'The lock supplied is invalid. Either the lock expired, or the message has already been removed from the queue.',
            },
          });
    settle(delivery, outcome.described());
    // Settled on both sides from here on (receiver-settles-second): lets rhea free the slot in its window.
    delivery.remote_settled = true;
  }

  kick(sender) {
    if (sender && sender.standinConsumer) sender.standinConsumer.entity.scheduleDispatch();
  }

  dropLink(link) {
    const consumer = link.standinConsumer;
    if (!consumer) return;
    link.standinConsumer = undefined;
    consumer.detach();
    this.state(link.connection).consumers.delete(consumer);
  }

  dropSession(session) {
    session.each_sender((sender) => this.dropLink(sender));
  }

  dropConnection(connection) {
    const state = this.state(connection);
    for (const consumer of state.consumers) {
      consumer.sender.standinConsumer = undefined;
      consumer.detach();
    }
    state.consumers.clear();
    state.replyLinks.clear();
  }
}

function interpretOutcome(state) {
  if (amqpMessage.is_accepted(state) || (state && state.constructor && state.constructor.composite_type === 'accepted')) {
    return {action: 'complete', details: {}, echo: amqpMessage.accepted()};
  }
  const kind = state && state.constructor ? state.constructor.composite_type : undefined;
  if (kind === 'rejected') {
    const error = state.error || {};
    const info = error.info || {};
    const deadLetter = error.condition === 'com.microsoft:dead-letter';
    return {
      action: 'deadLetter',
      details: {
        DeadLetterReason: info.DeadLetterReason !== undefined ? info.DeadLetterReason : deadLetter ? undefined : error.condition,
        DeadLetterErrorDescription:
          info.DeadLetterErrorDescription !== undefined ? info.DeadLetterErrorDescription : error.description,
      },
      echo: amqpMessage.rejected({error: {condition: error.condition || 'com.microsoft:dead-letter', description: error.description, info}}),
    };
  }
  if (kind === 'modified') {
    const echo = amqpMessage.modified({delivery_failed: state.delivery_failed, undeliverable_here: state.undeliverable_here});
    return {action: state.undeliverable_here ? 'defer' : 'abandon', details: {}, echo};
  }
  return {action: 'abandon', details: {}, echo: amqpMessage.released()};
}

module.exports = {Broker, MAX_MESSAGE_SIZE};
