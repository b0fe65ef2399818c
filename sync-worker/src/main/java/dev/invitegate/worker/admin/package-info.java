/** Health probes and Prometheus metrics of the worker over plain HTTP on the admin port. */
package dev.invitegate.worker.admin;
