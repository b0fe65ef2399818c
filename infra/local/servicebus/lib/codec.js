'use strict';
// AMQP message codec for the Service Bus stand-in (test and development only).
//
// Messages are kept as raw section bytes so that properties, application properties and body reach the
// receiver exactly as the sender encoded them (rhea's decode/encode would lose AMQP types such as long vs int).
// Only the header and the message annotations are rebuilt on each delivery.

const rhea = require('rhea');

const types = rhea.types;

const SECTION = Object.freeze({
  header: 0x70,
  deliveryAnnotations: 0x71,
  messageAnnotations: 0x72,
  properties: 0x73,
  applicationProperties: 0x74,
  data: 0x75,
  sequence: 0x76,
  value: 0x77,
  footer: 0x78,
});

const SYMBOLIC_SECTION = {
  'amqp:header:list': SECTION.header,
  'amqp:delivery-annotations:map': SECTION.deliveryAnnotations,
  'amqp:message-annotations:map': SECTION.messageAnnotations,
  'amqp:properties:list': SECTION.properties,
  'amqp:application-properties:map': SECTION.applicationProperties,
  'amqp:data:binary': SECTION.data,
  'amqp:amqp-sequence:list': SECTION.sequence,
  'amqp:value:*': SECTION.value,
  'amqp:footer:map': SECTION.footer,
};

/** The message format the SDKs use for a batch: each data section of the envelope is one encoded message. */
const BATCH_FORMAT = 0x80013700;

class CodecError extends Error {}

function sectionCode(descriptor) {
  if (descriptor === undefined || descriptor === null) {
    throw new CodecError('message section without descriptor');
  }
  const value = descriptor.value;
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && SYMBOLIC_SECTION[value] !== undefined) return SYMBOLIC_SECTION[value];
  throw new CodecError(`unknown message section descriptor ${value}`);
}

/** Splits an encoded message into sections, keeping each section's raw bytes and its typed value. */
function parseSections(buffer) {
  const reader = new types.Reader(buffer);
  const sections = [];
  while (reader.remaining() > 0) {
    const start = reader.position;
    const typed = reader.read();
    sections.push({code: sectionCode(typed.descriptor), typed, raw: buffer.subarray(start, reader.position)});
  }
  return sections;
}

function headerFields(typed) {
  const fields = Array.isArray(typed.value) ? typed.value : [];
  const field = (i) => (fields[i] && fields[i].type && fields[i].type.name !== 'Null' ? fields[i].value : undefined);
  return {durable: field(0), priority: field(1), ttl: field(2)};
}

/**
 * Parses one encoded message as sent by a client into the stored form:
 * {header, annotations: [[key, value] typed pairs], properties, applicationProperties, body, footer, size}.
 */
function decodeMessage(buffer) {
  const message = {header: {}, annotations: [], properties: null, applicationProperties: null, body: [], footer: null};
  for (const section of parseSections(buffer)) {
    switch (section.code) {
      case SECTION.header:
        message.header = headerFields(section.typed);
        break;
      case SECTION.deliveryAnnotations:
        break; // hop-by-hop: not forwarded
      case SECTION.messageAnnotations:
        for (let i = 0; i + 1 < section.typed.value.length; i += 2) {
          message.annotations.push([section.typed.value[i], section.typed.value[i + 1]]);
        }
        break;
      case SECTION.properties:
        message.properties = Buffer.from(section.raw);
        message.messageId = messageIdKey(section.typed);
        break;
      case SECTION.applicationProperties:
        message.applicationProperties = Buffer.from(section.raw);
        break;
      case SECTION.footer:
        message.footer = Buffer.from(section.raw);
        break;
      default:
        message.body.push(Buffer.from(section.raw));
    }
  }
  message.size = buffer.length;
  return message;
}

/** The message-id of a properties section as a string key (type and value), or undefined when it is not set. */
function messageIdKey(typed) {
  const fields = Array.isArray(typed.value) ? typed.value : [];
  const id = fields[0];
  if (!id || !id.type || id.type.name === 'Null') return undefined;
  const value = Buffer.isBuffer(id.value) ? id.value.toString('hex') : String(id.value);
  return `${id.type.name}:${value}`;
}

/** Unpacks a transfer payload into one or more encoded messages. */
function splitTransfer(payload, format) {
  if (!format) return [payload];
  if (format !== BATCH_FORMAT) throw new CodecError(`unsupported message format 0x${format.toString(16)}`);
  return parseSections(payload)
    .filter((section) => section.code === SECTION.data)
    .map((section) => section.typed.value);
}

function symbol(name) {
  return types.wrap_symbol(name);
}

function described(code, value) {
  return types.described(types.wrap_ulong(code), value);
}

/** Reads the typed application properties map of a stored message into [key, value] typed pairs. */
function applicationPropertyPairs(message) {
  if (!message.applicationProperties) return [];
  const typed = new types.Reader(message.applicationProperties).read();
  const pairs = [];
  for (let i = 0; i + 1 < typed.value.length; i += 2) pairs.push([typed.value[i], typed.value[i + 1]]);
  return pairs;
}

/** Returns a copy of the stored message's application properties with the given string entries set. */
function withApplicationProperties(message, entries) {
  const pairs = applicationPropertyPairs(message).filter(([key]) => entries[String(key.value)] === undefined);
  for (const [key, value] of Object.entries(entries)) {
    pairs.push([types.wrap_string(key), types.wrap_string(String(value))]);
  }
  const writer = new types.Writer();
  writer.write(described(SECTION.applicationProperties, types.Map32(pairs.flat())));
  return writer.toBuffer();
}

/**
 * Encodes a stored message for delivery: a header with delivery-count (the SDK fails without a header), the
 * client's annotations plus the broker's (sequence number, enqueued time, locked-until), then the raw sections.
 */
function encodeForDelivery(message, {deliveryCount, lockedUntil, extraAnnotations = []}) {
  const header = message.header;
  const headerFieldsTyped = [
    header.durable === undefined ? types.Null() : types.wrap_boolean(header.durable),
    header.priority === undefined ? types.Null() : types.Ubyte(header.priority),
    header.ttl === undefined ? types.Null() : types.wrap_uint(header.ttl),
    types.False(),
    types.wrap_uint(deliveryCount),
  ];
  const broker = [
    ['x-opt-sequence-number', types.Long(message.sequenceNumber)],
    ['x-opt-enqueued-time', types.Timestamp(message.enqueuedTime)],
    ...(lockedUntil === undefined ? [] : [['x-opt-locked-until', types.Timestamp(lockedUntil)]]),
    ...extraAnnotations,
  ];
  const brokerKeys = new Set(broker.map(([key]) => key));
  const annotations = message.annotations.filter(([key]) => !brokerKeys.has(String(key.value)));
  for (const [key, value] of broker) annotations.push([symbol(key), value]);

  const writer = new types.Writer();
  writer.write(described(SECTION.header, types.List32(headerFieldsTyped)));
  writer.write(described(SECTION.messageAnnotations, types.Map32(annotations.flat())));
  const parts = [writer.toBuffer()];
  if (message.properties) parts.push(message.properties);
  if (message.applicationProperties) parts.push(message.applicationProperties);
  parts.push(...message.body);
  if (message.footer) parts.push(message.footer);
  return Buffer.concat(parts);
}

/** Reads message-id (typed, to echo as correlation-id unchanged) and reply-to of a request message. */
function requestEnvelope(buffer) {
  const properties = parseSections(buffer).find((section) => section.code === SECTION.properties);
  const fields = properties && Array.isArray(properties.typed.value) ? properties.typed.value : [];
  const present = (typed) => typed && typed.type && typed.type.name !== 'Null';
  return {
    messageId: present(fields[0]) ? fields[0] : undefined,
    replyTo: present(fields[4]) ? String(fields[4].value) : undefined,
  };
}

/** Converts a 16-byte lock token as sent in a delivery tag (.NET GUID byte order) to the UUID string. */
function lockTokenFromTag(tag) {
  const b = Buffer.from(tag);
  const ordered = Buffer.concat([
    Buffer.from([b[3], b[2], b[1], b[0], b[5], b[4], b[7], b[6]]),
    b.subarray(8, 16),
  ]);
  return uuidString(ordered);
}

/** Formats 16 bytes in network (RFC 4122) order as a UUID string. */
function uuidString(bytes) {
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

module.exports = {
  BATCH_FORMAT,
  CodecError,
  decodeMessage,
  splitTransfer,
  requestEnvelope,
  encodeForDelivery,
  withApplicationProperties,
  lockTokenFromTag,
  uuidString,
};
