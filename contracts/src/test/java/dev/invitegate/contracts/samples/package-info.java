/**
 * The golden sample events and documents, and the test model of projection, shipped to other
 * modules in the test jar.
 */
package dev.invitegate.contracts.samples;
