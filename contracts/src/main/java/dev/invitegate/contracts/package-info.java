/** What crosses a process boundary: the invitation events, the stored document, the email key. */
package dev.invitegate.contracts;
