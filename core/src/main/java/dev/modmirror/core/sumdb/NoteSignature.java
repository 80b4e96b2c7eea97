package dev.modmirror.core.sumdb;

/**
 * One signature line of a note: {@code — name base64(4-byte key hash + signature)}.
 *
 * @param name the key name
 * @param keyHash the key hash the line claims
 * @param base64 the encoded hash and signature, as written
 */
public record NoteSignature(String name, int keyHash, String base64) {}
