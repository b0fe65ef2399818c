/** The worker's metrics as Helidon meters, which the admin port serves in the Prometheus format. */
package dev.invitegate.worker.observe;
