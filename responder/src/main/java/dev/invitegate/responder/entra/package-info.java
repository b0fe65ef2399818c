/** Entra's side of the wire: event parsing, response JSON, and the bearer-token check. */
package dev.invitegate.responder.entra;
