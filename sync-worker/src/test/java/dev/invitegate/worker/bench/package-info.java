/**
 * The benchmarks of the worker (throughput and lag) and of import (rate and memory), run on demand,
 * not part of the build.
 */
package dev.invitegate.worker.bench;
