/**
 * Assembles the three services over ports, the same way in production, in dev mode and in the
 * end-to-end tests; only the adapters handed in differ.
 */
package dev.modmirror.deploy.wiring;
