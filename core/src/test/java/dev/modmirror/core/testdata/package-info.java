/**
 * Readers for test cases kept as data, in the manner of x/mod's txtar test files: {@link
 * dev.modmirror.core.testdata.CaseTable} for one case per line, {@link
 * dev.modmirror.core.testdata.Txtar} for cases made of whole files. A new case is a new line or a
 * new file; the test that runs a table stays the same.
 */
package dev.modmirror.core.testdata;
