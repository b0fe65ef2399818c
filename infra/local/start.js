#!/usr/bin/env node
// Starts the local Cosmos DB and Service Bus stand-ins (development and tests only) and prints the settings the
// official Azure SDKs need to reach them. Ctrl-C (or SIGTERM) stops both.
//
// Usage: node infra/local/start.js [--host 127.0.0.1] [--cosmos-port 0] [--servicebus-port 0]
//          [--queue invitation-events]... [--lock-duration-ms 60000] [--max-delivery-count 10] [--json] [--watch-stdin]
// Port 0 means a free port. Without --json it prints `export NAME='value'` lines (eval-able); with --json, one JSON
// line. Either way the settings are printed only once both stand-ins are listening.
"use strict";

const { spawn } = require("child_process");
const path = require("path");
const readline = require("readline");
const { parseOptions, PORT, stopWithParent } = require("./lib/cli");

// The well-known key of Microsoft's Cosmos DB emulator; the stand-in accepts any key.
const COSMOS_EMULATOR_KEY =
  "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";
const DEFAULT_QUEUE = "invitation-events";

const USAGE = [
  "usage: node infra/local/start.js [--host 127.0.0.1] [--cosmos-port 0] [--servicebus-port 0]",
  "         [--queue invitation-events]... [--lock-duration-ms 60000] [--max-delivery-count 10] [--json] [--watch-stdin]",
].join("\n");

function parseArgs(argv) {
  if (argv.includes("-h") || argv.includes("--help")) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const args = parseOptions(
    argv,
    {
      "--host": { key: "host", type: "string" },
      "--cosmos-port": { key: "cosmosPort", ...PORT },
      "--servicebus-port": { key: "serviceBusPort", ...PORT },
      "--queue": { key: "queues", type: "string", repeat: true },
      "--lock-duration-ms": { key: "lockDurationMs", type: "int", min: 1, max: 24 * 3600 * 1000 },
      "--max-delivery-count": { key: "maxDeliveryCount", type: "int", min: 1, max: 2000 },
      "--json": { key: "json", type: "flag" },
      "--watch-stdin": { key: "watchStdin", type: "flag" },
    },
    { host: "127.0.0.1", cosmosPort: 0, serviceBusPort: 0, lockDurationMs: null, maxDeliveryCount: null, json: false, watchStdin: false },
    USAGE,
  );
  if (args.queues.length === 0) args.queues.push(DEFAULT_QUEUE);
  return args;
}

const children = [];

/** Spawns a stand-in and resolves with the JSON line it prints once it listens. */
function launch(name, script, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, script), ...args, "--watch-stdin"], {
      stdio: ["pipe", "pipe", "inherit"],
    });
    children.push(child);
    let ready = false;
    readline.createInterface({ input: child.stdout }).on("line", (line) => {
      if (ready) return;
      try {
        ready = true;
        resolve(JSON.parse(line));
      } catch (err) {
        reject(new Error(`${name} printed an unexpected line: ${line}`));
      }
    });
    child.on("exit", (code, signal) => {
      if (!ready) reject(new Error(`${name} exited before it was ready (code ${code}, signal ${signal})`));
      else if (!stopping) shutdown(1, `${name} stopped unexpectedly (code ${code}, signal ${signal})`);
    });
  });
}

let stopping = false;
function shutdown(code, reason) {
  if (stopping) return;
  stopping = true;
  if (reason) process.stderr.write(`start.js: ${reason}\n`);
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  }
  setTimeout(() => process.exit(code), 200).unref();
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  stopWithParent(() => shutdown(0), args.watchStdin);

  const serviceBusArgs = ["--host", args.host, "--port", String(args.serviceBusPort)];
  for (const queue of args.queues) serviceBusArgs.push("--queue", queue);
  if (args.lockDurationMs !== null) serviceBusArgs.push("--lock-duration-ms", String(args.lockDurationMs));
  if (args.maxDeliveryCount !== null) serviceBusArgs.push("--max-delivery-count", String(args.maxDeliveryCount));

  const [cosmos, serviceBus] = await Promise.all([
    launch("cosmos", "cosmos/launcher.js", ["--host", args.host, "--port", String(args.cosmosPort)]),
    launch("servicebus", "servicebus/standin.js", serviceBusArgs),
  ]);

  const settings = {
    INVITEGATE_SERVICEBUS_CONNECTION_STRING:
      `Endpoint=sb://localhost:${serviceBus.amqpPort};SharedAccessKeyName=RootManageSharedAccessKey;` +
      "SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true",
    INVITEGATE_SERVICEBUS_QUEUE: args.queues[0],
    INVITEGATE_COSMOS_ENDPOINT: `https://${args.host}:${cosmos.port}/`,
    INVITEGATE_COSMOS_KEY: COSMOS_EMULATOR_KEY,
    INVITEGATE_COSMOS_CREATE_IF_MISSING: "true",
    // The stand-in's certificate is self-signed; the Cosmos SDK skips validation for loopback hosts only.
    COSMOS_EMULATOR_SERVER_CERTIFICATE_VALIDATION_DISABLED: "true",
  };
  const controls = {
    cosmosControl: `http://${args.host}:${cosmos.controlPort}`,
    serviceBusControl: `http://${args.host}:${serviceBus.controlPort}`,
  };

  if (args.json) {
    process.stdout.write(`${JSON.stringify({ settings, ...controls })}\n`);
  } else {
    const lines = ["# Invite Gate local emulators: development and tests only. Ctrl-C stops both."];
    for (const [name, value] of Object.entries(settings)) lines.push(`export ${name}='${value}'`);
    lines.push(`# Cosmos faults: ${controls.cosmosControl}/faults   Service Bus queues: ${controls.serviceBusControl}/queues/{name}`);
    process.stdout.write(`${lines.join("\n")}\n`);
  }
}

main().catch((err) => shutdown(1, err.message));
