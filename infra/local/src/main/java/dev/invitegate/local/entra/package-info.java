/**
 * Entra's side of the extension protocol, played locally: the payloads Entra sends and the tokens
 * it signs them with. One place for the local system's simulator and the responder's tests.
 */
package dev.invitegate.local.entra;
