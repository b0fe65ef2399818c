/**
 * The whole system on this machine: the stand-ins, the worker, the responder and a development
 * token issuer wired together ({@code up}), with a demo, and an Entra simulator ({@code simulate}).
 */
package dev.invitegate.local.system;
