/** Access to the golden sample events and documents, shipped to other modules in the test jar. */
package dev.invitegate.contracts.samples;
