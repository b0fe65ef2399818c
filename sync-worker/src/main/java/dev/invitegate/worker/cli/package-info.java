/**
 * The command line of the worker's jar: {@code run}, and the operators' commands on dead-lettered
 * events, invitations and the store, on picocli.
 */
package dev.invitegate.worker.cli;
