'use strict';
// `$management` request handlers of the Service Bus stand-in (test and development only).
// Unsupported operations are answered with 501 and a description, so that a client never waits for a reply.

const rhea = require('rhea');
const codec = require('./codec.js');
const {Settled} = require('./queues.js');

const types = rhea.types;
const TIMESTAMP = 0x83;
const LOCK_LOST = 'com.microsoft:message-lock-lost';

function ok(body) {
  return {status: 200, description: 'OK', body};
}

function lockLost(tokens) {
  return {
    status: 410,
    description: `The lock supplied is invalid. Either the lock expired, or the message has already been removed: ${tokens.join(', ')}`,
    errorCondition: LOCK_LOST,
  };
}

function lockTokens(body) {
  const raw = body && body['lock-tokens'];
  if (!Array.isArray(raw)) return null;
  return raw.map((token) => codec.uuidString(Buffer.isBuffer(token) ? token : Buffer.from(token.value || token)));
}

const DISPOSITIONS = {completed: 'complete', abandoned: 'abandon', suspended: 'deadLetter', defered: 'defer', deferred: 'defer'};

class ManagementNode {
  constructor(namespace, log) {
    this.namespace = namespace;
    this.log = log;
  }

  handle(entityPath, request) {
    const operation = request.application_properties ? request.application_properties.operation : undefined;
    const entity = this.namespace.resolve(entityPath);
    if (request.decodeError) return {status: 400, description: `Malformed request: ${request.decodeError.message}`};
    if (!entity) return {status: 404, description: `The messaging entity '${entityPath}' could not be found.`, errorCondition: 'amqp:not-found'};
    const body = request.body || {};
    switch (operation) {
      case 'com.microsoft:renew-lock':
        return this.renewLock(entity, body);
      case 'com.microsoft:peek-message':
        return this.peek(entity, body);
      case 'com.microsoft:update-disposition':
        return this.updateDisposition(entity, body);
      default:
        this.log(`unsupported management operation on ${entityPath}: ${operation}`);
        return {status: 501, description: `Operation '${operation}' is not supported by the Service Bus stand-in.`};
    }
  }

  renewLock(entity, body) {
    const tokens = lockTokens(body);
    if (!tokens) return {status: 400, description: "Missing 'lock-tokens'."};
    const expirations = tokens.map((token) => entity.renew(token));
    const lost = tokens.filter((token, i) => expirations[i] === null);
    if (lost.length > 0) return lockLost(lost);
    return ok({expirations: types.wrap_array(expirations, TIMESTAMP)});
  }

  peek(entity, body) {
    const from = Number(body['from-sequence-number'] || 0);
    const count = Math.max(1, Number(body['message-count'] || 1));
    const messages = entity.peek(from, count);
    if (messages.length === 0) return {status: 204, description: 'No messages'};
    return ok({
      messages: messages.map((message) => {
        const extraAnnotations = message.deadLetterSource
          ? [['x-opt-deadletter-source', types.wrap_string(message.deadLetterSource)]]
          : [];
        return {message: codec.encodeForDelivery(message, {deliveryCount: message.deliveryCount, extraAnnotations})};
      }),
    });
  }

  updateDisposition(entity, body) {
    const tokens = lockTokens(body);
    const action = DISPOSITIONS[body['disposition-status']];
    if (!tokens || !action) return {status: 400, description: "Missing 'lock-tokens' or unknown 'disposition-status'."};
    const details = {DeadLetterReason: body['deadletter-reason'], DeadLetterErrorDescription: body['deadletter-description']};
    const lost = tokens.filter((token) => entity.settle(token, action, details) !== Settled.ok);
    if (lost.length > 0) return lockLost(lost);
    return ok(null);
  }
}

module.exports = {ManagementNode};
