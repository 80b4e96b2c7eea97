/**
 * Abstract JUnit 5 suites that state the contract of a port once; every adapter, the in-memory one
 * included, extends them in a few lines (as Athens' storage compliance tests do).
 */
package dev.modmirror.testkit.contract;
