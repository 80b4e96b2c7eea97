/**
 * {@code modmirror doctor} and the services' start-up wait: every dependency a deployment names,
 * probed in parallel, each bounded by a timeout ({@link dev.modmirror.adapters.probe}).
 */
package dev.modmirror.deploy.doctor;
