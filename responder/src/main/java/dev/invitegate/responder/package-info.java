/** Start-up of the responder: settings from the environment and the wiring of every part. */
package dev.invitegate.responder;
