/** A fake index.golang.org feed on loopback, serving a list of entries given by the test. */
package dev.modmirror.testkit.index;
