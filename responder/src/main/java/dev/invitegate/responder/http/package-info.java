/** The Helidon SE server: Entra's endpoint, error mapping, health and metrics on the admin port. */
package dev.invitegate.responder.http;
