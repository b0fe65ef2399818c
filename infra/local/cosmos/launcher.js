#!/usr/bin/env node
// Local Cosmos DB stand-in for development and tests only: never a production path.
//
// Starts @vercel/cosmosdb-server (in memory, HTTPS with its bundled self-signed certificate) from this process and
// fixes, at start-up and without editing node_modules, the gaps that matter to Invite Gate:
//   1. a point read of a missing item answers 404 (the stock server throws and answers 500), and any document
//      request to a database or container that does not exist answers 404 with sub-status 1003, as Cosmos DB does;
//   2. keep-alive instead of `connection: close` on every response (a TLS handshake per request otherwise);
//   3. a plain-HTTP control endpoint to inject faults (status codes such as 503 or 429, delays, dropped connections)
//      for a while, keeping the data, and to count requests per route (tests assert "one point read");
//   4. cross-partition queries: the SDK's query-plan request is answered (for queries without ORDER BY, TOP or
//      aggregates; those answer 400), and a query addressed to a partition key range runs over the whole container,
//      paged with continuations as the stock server pages.
//
// Usage: node cosmos/launcher.js [--host 127.0.0.1] [--port 0] [--control-port 0] [--watch-stdin]
// When both servers listen it prints ONE line to stdout:
//   {"service":"cosmos","port":N,"controlPort":M}
// Logs go to stderr.
"use strict";

const http = require("http");
const path = require("path");
const { parseOptions, PORT, listen, stopWithParent } = require("../lib/cli");

const serverLib = path.dirname(require.resolve("@vercel/cosmosdb-server/package.json"));
const lib = (name) => path.join(serverLib, "lib", name);

// Replace handlers before routes.js captures them: it reads `handler.default` once, when it is first required.
patchMissingItemReads();
patchQueryPlans();
patchMissingContainers();
const { createHttpsServer } = require(lib("index"));

const NOT_FOUND = {
  code: "NotFound",
  message: "Entity with the specified id does not exist in the system.",
};

function patchMissingItemReads() {
  const readDocument = require(lib("handler/read-document"));
  const partitions = require(lib("utils/get-partition-from-header"));
  const stockRead = readDocument.default;
  readDocument.default = (account, req, res, params) => {
    const collection = account.database(params.dbId).collection(params.collId);
    if (collection.read()) {
      const key = partitions.parsePartitionKey(partitions.default(req), params.docId);
      if (!collection.document(params.docId, key).read()) {
        res.statusCode = 404;
        return { ...NOT_FOUND };
      }
    }
    return stockRead(account, req, res, params);
  };
}

/** The header with which the SDKs ask the gateway to plan a query before they run it. */
const QUERY_PLAN_REQUEST = "x-ms-cosmos-is-query-plan-request";
const PARTITION_KEY_RANGE = "x-ms-documentdb-partitionkeyrangeid";
const CROSS_PARTITION = "x-ms-documentdb-query-enablecrosspartition";

/**
 * A cross-partition query starts with a query-plan request; the stock server runs it as a query and answers 400
 * ("missing partition keys"). The stand-in has one partition key range and runs a query whole, so the plan of a
 * query it can run faithfully is trivial: run it unchanged on the full range. Queries whose plan would have to tell
 * the SDK to merge results (ORDER BY, TOP, aggregates) answer 400 rather than come back subtly wrong.
 */
function patchQueryPlans() {
  const queryDocuments = require(lib("handler/query-documents"));
  const json = require(lib("json")).default;
  const { default: parseQuery, SyntaxError: QuerySyntaxError } = require("@zeit/cosmosdb-query");
  const stockQuery = queryDocuments.default;
  queryDocuments.default = async (account, req, res, params) => {
    if (String(req.headers[QUERY_PLAN_REQUEST] || "").toLowerCase() !== "true") {
      // Having planned, the SDK sends the query to each partition key range; the stand-in's one range holds every
      // item, so a query addressed to a range is a cross-partition query of the whole container.
      if (req.headers[PARTITION_KEY_RANGE]) req.headers[CROSS_PARTITION] = "true";
      return stockQuery(account, req, res, params);
    }
    const body = await json(req);
    let problem;
    let parsed;
    try {
      parsed = parseQuery(String(body.query || "")).ast;
      problem = unplannable(parsed);
    } catch (err) {
      if (!(err instanceof QuerySyntaxError)) throw err;
      problem = `syntax error: ${err.message}`;
    }
    if (problem) {
      res.statusCode = 400;
      return { code: "BadRequest", message: `the local Cosmos DB stand-in cannot plan this query: ${problem}` };
    }
    return queryPlan(Boolean(parsed.body.select && parsed.body.select.value));
  };
}

const AGGREGATES = new Set(["AVG", "COUNT", "MAX", "MIN", "SUM"]);

/** Why the stand-in cannot plan a query (a parsed @zeit/cosmosdb-query AST), or null when it can. */
function unplannable(ast) {
  const query = ast.body;
  if (query.orderBy) return "ORDER BY";
  if (query.top) return "TOP";
  const select = query.select || {};
  const selected = select.value ? [select.value] : (select.properties || {}).properties || [];
  const aggregate = (node) =>
    node && typeof node === "object"
      ? (node.type === "scalar_function_expression" && AGGREGATES.has(String(node.name.name).toUpperCase())) ||
        Object.values(node).some(aggregate)
      : false;
  if (selected.some(aggregate)) return "an aggregate";
  return null;
}

/** The plan of a query that runs unchanged on the one partition key range: nothing for the SDK to merge. */
function queryPlan(hasSelectValue) {
  return {
    partitionedQueryExecutionInfoVersion: 2,
    queryInfo: {
      distinctType: "None",
      top: null,
      offset: null,
      limit: null,
      orderBy: [],
      orderByExpressions: [],
      groupByExpressions: [],
      groupByAliases: [],
      aggregates: [],
      groupByAliasToAggregateType: {},
      rewrittenQuery: "",
      hasSelectValue,
      dCountInfo: null,
      hasNonStreamingOrderBy: false,
    },
    queryRanges: [{ min: "", max: "FF", isMinInclusive: true, isMaxInclusive: false }],
  };
}

/** Cosmos DB's answer to a document request in a database or container that does not exist. */
const OWNER_NOT_FOUND = {
  code: "NotFound",
  message: "Resource Not Found. The owner resource (database or container) does not exist.",
};

function patchMissingContainers() {
  const handlers = [
    "create-document",
    "read-document",
    "replace-document",
    "delete-document",
    "patch-document",
    "read-documents",
    "query-documents",
  ];
  for (const name of handlers) {
    const handler = require(lib(`handler/${name}`));
    const stock = handler.default;
    handler.default = (account, req, res, params) => {
      if (!account.database(params.dbId).collection(params.collId).read()) {
        res.statusCode = 404;
        res.setHeader("x-ms-substatus", "1003");
        return { ...OWNER_NOT_FOUND };
      }
      return stock(account, req, res, params);
    };
  }
}

const USAGE = "usage: node cosmos/launcher.js [--host 127.0.0.1] [--port 0] [--control-port 0] [--watch-stdin]";

function parseArgs(argv) {
  return parseOptions(
    argv,
    {
      "--host": { key: "host", type: "string" },
      "--port": { key: "port", ...PORT },
      "--control-port": { key: "controlPort", ...PORT },
      "--watch-stdin": { key: "watchStdin", type: "flag" },
    },
    { host: "127.0.0.1", port: 0, controlPort: 0, watchStdin: false },
    USAGE,
  );
}

/** What the control endpoint set: which requests to disturb, how, and until when. */
class Faults {
  constructor() {
    this.current = null;
    this.counts = new Map();
  }

  set(spec, now) {
    const mode = spec.mode || (spec.status ? "status" : spec.delayMs ? "delay" : null);
    if (!["status", "delay", "reset"].includes(mode)) {
      throw new Error("mode must be status, delay or reset (or give status or delayMs)");
    }
    if (mode === "status" && !(Number.isInteger(spec.status) && spec.status >= 400 && spec.status <= 599)) {
      throw new Error("status must be an HTTP error status (400-599)");
    }
    if (mode === "delay" && !(Number.isInteger(spec.delayMs) && spec.delayMs > 0)) {
      throw new Error("delayMs must be a positive integer");
    }
    const scope = spec.scope || "documents";
    if (!["documents", "all"].includes(scope)) throw new Error("scope must be documents or all");
    this.current = {
      mode,
      status: spec.status,
      delayMs: spec.delayMs || 0,
      retryAfterMs: spec.retryAfterMs || 100,
      scope,
      until: Number.isInteger(spec.forMs) ? now + spec.forMs : Infinity,
      remaining: Number.isInteger(spec.count) ? spec.count : Infinity,
    };
    return this.describe(now);
  }

  clear() {
    this.current = null;
  }

  describe(now) {
    const f = this.active(now);
    if (!f) return { active: false };
    return {
      active: true,
      mode: f.mode,
      status: f.status,
      delayMs: f.delayMs,
      scope: f.scope,
      remainingMs: f.until === Infinity ? null : f.until - now,
      remainingCount: f.remaining === Infinity ? null : f.remaining,
    };
  }

  active(now) {
    const f = this.current;
    if (!f) return null;
    if (now >= f.until || f.remaining <= 0) {
      this.current = null;
      return null;
    }
    return f;
  }

  /** The fault that applies to this request, if any; consumes one from a counted fault. */
  take(req, now) {
    const f = this.active(now);
    if (!f) return null;
    if (f.scope === "documents" && !/\/docs(\/|$|\?)/.test(req.url)) return null;
    f.remaining -= 1;
    return f;
  }

  count(req) {
    const key = `${req.method} ${route(req.url)}`;
    this.counts.set(key, (this.counts.get(key) || 0) + 1);
  }

  stats() {
    return Object.fromEntries([...this.counts.entries()].sort());
  }
}

/** The route shape of a Cosmos URL with ids elided, e.g. /dbs/{id}/colls/{id}/docs/{id}. */
function route(url) {
  const pathname = url.split("?")[0].replace(/^\/\//, "/");
  return pathname
    .split("/")
    .map((segment, i, all) => (i > 0 && i % 2 === 0 && all[i - 1] !== "" ? "{id}" : segment))
    .join("/");
}

function disturb(fault, req, res, next) {
  if (fault.mode === "reset") {
    req.socket.destroy();
    return;
  }
  if (fault.mode === "delay") {
    setTimeout(next, fault.delayMs);
    return;
  }
  const headers = { "content-type": "application/json", "x-ms-activity-id": "fault-injection" };
  if (fault.status === 429) headers["x-ms-retry-after-ms"] = String(fault.retryAfterMs);
  res.writeHead(fault.status, headers);
  res.end(JSON.stringify({ code: fault.status === 429 ? "TooManyRequests" : "ServiceUnavailable", message: "Injected fault" }));
}

function startCosmos(args, faults) {
  const server = createHttpsServer({ keepAlive: true });
  // Keep the SDK's pooled connections open between requests.
  server.keepAliveTimeout = 120000;
  server.headersTimeout = 125000;
  const [stockHandler] = server.listeners("request");
  server.removeAllListeners("request");
  server.on("request", (req, res) => {
    faults.count(req);
    const fault = faults.take(req, Date.now());
    if (fault) {
      disturb(fault, req, res, () => stockHandler.call(server, req, res));
    } else {
      stockHandler.call(server, req, res);
    }
  });
  server.on("clientError", (err, socket) => socket.destroy(err));
  return listen(server, args.port, args.host);
}

function startControl(args, faults) {
  const server = http.createServer((req, res) => {
    const reply = (status, body) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (chunk) => (text += chunk));
    req.on("end", () => {
      try {
        const url = req.url.split("?")[0];
        if (url === "/health" && req.method === "GET") return reply(200, { status: "UP" });
        if (url === "/faults" && req.method === "PUT") {
          return reply(200, faults.set(JSON.parse(text || "{}"), Date.now()));
        }
        if (url === "/faults" && req.method === "DELETE") {
          faults.clear();
          return reply(200, { active: false });
        }
        if (url === "/faults" && req.method === "GET") return reply(200, faults.describe(Date.now()));
        if (url === "/stats" && req.method === "GET") return reply(200, faults.stats());
        if (url === "/stats" && req.method === "DELETE") {
          faults.counts.clear();
          return reply(200, {});
        }
        return reply(404, { error: `no control route ${req.method} ${url}` });
      } catch (err) {
        return reply(400, { error: err.message });
      }
    });
  });
  return listen(server, args.controlPort, args.host);
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const faults = new Faults();
  const cosmos = await startCosmos(args, faults);
  const control = await startControl(args, faults);
  stopWithParent(() => {
    cosmos.close();
    control.close();
    process.exit(0);
  }, args.watchStdin);
  process.stdout.write(
    `${JSON.stringify({ service: "cosmos", port: cosmos.address().port, controlPort: control.address().port })}\n`,
  );
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`cosmos launcher: ${err.stack || err}\n`);
    process.exit(1);
  });
}

module.exports = { route, Faults, unplannable };
