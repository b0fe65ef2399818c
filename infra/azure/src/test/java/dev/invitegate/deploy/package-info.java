/**
 * Checks, by reading the files, that the Azure deployment, the images and the compose file set only
 * the variables the services read, with valid values, name the same queue, database and container,
 * and grant each identity only the roles its service needs.
 */
package dev.invitegate.deploy;
