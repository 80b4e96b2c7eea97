/**
 * The four kinds of failure that every adapter translates its vendor exceptions into, so that use
 * cases decide (retry, record, dead-letter) without knowing any vendor.
 */
package dev.modmirror.core.error;
