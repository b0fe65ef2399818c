/** The sign-up decision: from an Entra event and one invitation read to the answer Entra shows. */
package dev.invitegate.responder.signup;
