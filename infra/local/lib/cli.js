"use strict";
// What the stand-ins' command lines share: option parsing, listening, and stopping with their parent.

/**
 * Parses `argv` against `spec`, a map from flag to {key, type: "string" | "int" | "flag", min, max, repeat}.
 * Defaults come from `defaults`; a repeated option collects into an array. A bad option prints `usage` and exits 2.
 */
function parseOptions(argv, spec, defaults, usage) {
  const fail = (problem) => {
    process.stderr.write(`${problem}\n${usage}\n`);
    process.exit(2);
  };
  const options = { ...defaults };
  for (const option of Object.values(spec)) {
    if (option.repeat) options[option.key] = [];
  }
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const option = spec[flag];
    if (!option) fail(`unknown option ${flag}`);
    if (option.type === "flag") {
      options[option.key] = true;
      continue;
    }
    if (i + 1 >= argv.length || argv[i + 1] === "") fail(`${flag} needs a value`);
    i += 1;
    let value = argv[i];
    if (option.type === "int") {
      const n = Number(value);
      const min = option.min ?? 0;
      const max = option.max ?? Number.MAX_SAFE_INTEGER;
      if (!Number.isInteger(n) || n < min || n > max) {
        fail(`${flag} must be an integer from ${min} to ${max}, got '${value}'`);
      }
      value = n;
    }
    if (option.repeat) options[option.key].push(value);
    else options[option.key] = value;
  }
  return options;
}

/** Port options: 0 picks a free port. */
const PORT = { type: "int", min: 0, max: 65535 };

/** Resolves with the server once it listens on host:port. */
function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve(server));
  });
}

/**
 * Calls `stop(reason)` once on SIGTERM or SIGINT and, with `watchStdin`, when standard input closes: a stand-in
 * started by a test JVM or by start.js then dies with its parent, even when the parent was killed with SIGKILL.
 */
function stopWithParent(stop, watchStdin) {
  let stopped = false;
  const once = (reason) => {
    if (stopped) return;
    stopped = true;
    stop(reason);
  };
  process.on("SIGTERM", () => once("SIGTERM"));
  process.on("SIGINT", () => once("SIGINT"));
  if (watchStdin) {
    process.stdin.on("end", () => once("stdin closed"));
    process.stdin.on("close", () => once("stdin closed"));
    process.stdin.on("error", () => once("stdin error"));
    process.stdin.resume();
  }
}

module.exports = { parseOptions, PORT, listen, stopWithParent };
