/**
 * The four kinds of failure that every adapter translates its vendor exceptions into, so that use
 * cases decide (retry, record, dead-letter) without knowing any vendor.
 *
 * <p>This package depends on no other package of modmirror: a failure names its module version as
 * plain text ({@link dev.modmirror.core.error.ModuleCoordinates}), so the domain packages can throw
 * these kinds without a package cycle ({@code PackageCyclesTest} keeps it so).
 */
package dev.modmirror.core.error;
