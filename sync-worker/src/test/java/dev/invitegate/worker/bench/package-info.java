/** The throughput and lag benchmark of the worker (run on demand, not part of the build). */
package dev.invitegate.worker.bench;
