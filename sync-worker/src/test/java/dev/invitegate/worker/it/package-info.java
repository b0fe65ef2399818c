/** End-to-end tests of the worker through the real SDKs against the local emulators. */
package dev.invitegate.worker.it;
