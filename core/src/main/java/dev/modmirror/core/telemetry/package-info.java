/**
 * Names shared by every hop's telemetry: span names, attribute keys and metric names, so that a
 * trace of one module version reads the same whichever service wrote each span.
 */
package dev.modmirror.core.telemetry;
