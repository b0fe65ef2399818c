/** Settings from environment variables, read once, every problem named. */
package dev.invitegate.runtime.settings;
