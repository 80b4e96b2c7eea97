/**
 * The go command's checksum database client (golang.org/x/mod/sumdb): signed notes (Ed25519
 * verifier keys {@code name+hash+key}), the RFC 6962 transparency log with its tiles and proofs,
 * and a client that trusts a module's go.sum lines only after checking the signed tree head, the
 * record's inclusion in that tree and the tree's consistency with every head seen before.
 *
 * <p>Every rule broken by a database answer is a {@link SumDbException} naming its {@link
 * SumDbException.Rule}; a database that forks its history is a {@link SumDbForkException}.
 */
package dev.modmirror.core.sumdb;
