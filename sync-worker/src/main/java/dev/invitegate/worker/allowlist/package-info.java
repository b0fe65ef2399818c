/**
 * The allow-list file: CSV rows read into invitation events as the contract builds them, and stored
 * entries written back as rows in the same columns, so that export then import round-trips.
 */
package dev.invitegate.worker.allowlist;
