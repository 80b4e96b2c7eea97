/** The index.golang.org feed over HTTP(S), with the JDK's client. */
package dev.modmirror.adapters.index;
