/** One logging set-up and line format, the keyed email hash, and escaping of logged values. */
package dev.invitegate.runtime.logging;
