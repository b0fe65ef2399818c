#!/usr/bin/env node
// Installs the stand-ins' npm packages exactly as package-lock.json pins them (`npm ci`), but only when the lockfile
// changed since the last install, so that repeated builds do not reinstall 60 MB of packages each time.
"use strict";

const { execFileSync } = require("child_process");
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

const major = Number(process.versions.node.split(".")[0]);
if (major < 20) {
  process.stderr.write(`ensure-deps: Node.js 20 or newer is required, found ${process.versions.node}\n`);
  process.exit(1);
}

const lockfile = path.join(__dirname, "package-lock.json");
const stamp = path.join(__dirname, "node_modules", ".invitegate-lock-sha256");
const wanted = crypto.createHash("sha256").update(fs.readFileSync(lockfile)).digest("hex");
const installed = fs.existsSync(stamp) ? fs.readFileSync(stamp, "utf8").trim() : "";

if (installed === wanted) {
  process.stdout.write("ensure-deps: npm packages are up to date\n");
} else {
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  execFileSync(npm, ["ci", "--no-audit", "--no-fund"], { cwd: __dirname, stdio: "inherit" });
  fs.writeFileSync(stamp, `${wanted}\n`);
}
