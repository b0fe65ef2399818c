/** Health probes and Prometheus metrics on the admin port, through Helidon observe. */
package dev.invitegate.runtime.observe;
