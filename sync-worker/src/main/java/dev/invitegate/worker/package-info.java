/** Start-up of the sync worker: reads its settings once and wires the adapters to the core. */
package dev.invitegate.worker;
