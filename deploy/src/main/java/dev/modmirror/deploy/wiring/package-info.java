/**
 * The one assembly of the services: {@link dev.modmirror.deploy.wiring.Services} builds every
 * service over {@link dev.modmirror.deploy.wiring.Parts} (the ports), and {@link
 * dev.modmirror.deploy.wiring.Adapters} is the one place that builds the real parts for a {@link
 * dev.modmirror.deploy.wiring.Deployment} (the settings). Production commands, dev mode, the warm
 * benchmark and the end-to-end tests all go through both; only the deployment, or in fast tests the
 * parts, differ.
 */
package dev.modmirror.deploy.wiring;
