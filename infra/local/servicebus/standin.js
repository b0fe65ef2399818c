#!/usr/bin/env node
'use strict';
// Azure Service Bus stand-in for tests and local development ONLY: an in-memory AMQP 1.0 peer (npm `rhea`)
// that speaks enough of Service Bus for the official SDKs. Not a production path: no persistence, no auth
// (any token is accepted), no TLS. See README.md in this folder.
//
// Usage: node standin.js [--host 127.0.0.1] [--port 0] [--control-port 0] [--queue NAME]...
//                        [--lock-duration-ms 60000] [--max-delivery-count 10] [--watch-stdin]
// Prints exactly one line to stdout when listening: {"service":"servicebus","amqpPort":N,"controlPort":M}

const {Namespace} = require('./lib/queues.js');
const {Broker} = require('./lib/broker.js');
const {createControlServer} = require('./lib/control.js');

function log(text) {
  process.stderr.write(`[servicebus-standin] ${text}\n`);
}

function usage(problem) {
  process.stderr.write(
    `${problem}\nusage: standin.js [--host 127.0.0.1] [--port 0] [--control-port 0] [--queue NAME]... ` +
      '[--lock-duration-ms 60000] [--max-delivery-count 10] [--watch-stdin]\n',
  );
  process.exit(2);
}

function parseArgs(argv) {
  const options = {host: '127.0.0.1', port: 0, controlPort: 0, queues: [], lockDurationMs: 60000, maxDeliveryCount: 10, watchStdin: false};
  const integer = (flag, value, min) => {
    const n = Number(value);
    if (value === undefined || !Number.isInteger(n) || n < min) usage(`${flag} needs an integer >= ${min}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    switch (flag) {
      case '--host':
        if (!value) usage('--host needs a value');
        options.host = value;
        i++;
        break;
      case '--port':
        options.port = integer(flag, value, 0);
        i++;
        break;
      case '--control-port':
        options.controlPort = integer(flag, value, 0);
        i++;
        break;
      case '--queue':
        if (!value) usage('--queue needs a name');
        options.queues.push(value);
        i++;
        break;
      case '--lock-duration-ms':
        options.lockDurationMs = integer(flag, value, 1);
        i++;
        break;
      case '--max-delivery-count':
        options.maxDeliveryCount = integer(flag, value, 1);
        i++;
        break;
      case '--watch-stdin':
        options.watchStdin = true;
        break;
      default:
        usage(`unknown argument: ${flag}`);
    }
  }
  return options;
}

function listenHttp(server, host, port) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server.address().port));
  });
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const namespace = new Namespace({lockDurationMs: options.lockDurationMs, maxDeliveryCount: options.maxDeliveryCount}, log);
  for (const queue of options.queues) namespace.create(queue);

  const broker = new Broker(namespace, log);
  const control = createControlServer(namespace, log);
  const amqpPort = await broker.listen({host: options.host, port: options.port});
  const controlPort = await listenHttp(control, options.host, options.controlPort);

  let stopping = false;
  const stop = (why) => {
    if (stopping) return;
    stopping = true;
    log(`stopping (${why})`);
    broker.close();
    control.close();
    // Open client connections would keep the servers alive; the stand-in holds nothing worth draining.
    setImmediate(() => process.exit(0));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  if (options.watchStdin) {
    process.stdin.on('end', () => stop('stdin closed'));
    process.stdin.on('close', () => stop('stdin closed'));
    process.stdin.on('error', () => stop('stdin error'));
    process.stdin.resume();
  }
  process.on('uncaughtException', (error) => log(`uncaught: ${error.stack || error}`));

  process.stdout.write(`${JSON.stringify({service: 'servicebus', amqpPort, controlPort})}\n`);
  log(`listening on amqp://${options.host}:${amqpPort}, control http://${options.host}:${controlPort}`);
}

main().catch((error) => {
  log(`failed to start: ${error.stack || error}`);
  process.exit(1);
});
