/**
 * A coverage-guided fuzz test of the responder's whole request path, from a mutated Entra body over
 * HTTP to the answer, with the invariants every answer must keep.
 */
package dev.invitegate.responder.fuzz;
