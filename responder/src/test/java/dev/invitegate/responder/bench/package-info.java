/** The load benchmark of the responder (run with the bench profile, never part of verify). */
package dev.invitegate.responder.bench;
