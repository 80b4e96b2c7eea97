/**
 * Who may do what on modmirror's HTTP surfaces, with no HTTP of its own: {@link
 * dev.modmirror.core.auth.Role roles} ({@code reader} ⊂ {@code developer} ⊂ {@code admin}), API
 * tokens ({@link dev.modmirror.core.auth.ApiToken}: 256 random bits, shown once, stored only as
 * SHA-256), the token file ({@link dev.modmirror.core.auth.TokenFile}), the verifier that compares
 * a presented token with every stored hash in constant time along one code path whatever the token
 * ({@link dev.modmirror.core.auth.TokenVerifier}), and the decision for one request ({@link
 * dev.modmirror.core.auth.AccessRules}). A token's secret is never kept, logged or printed after it
 * was created; an entry is named by its id.
 */
package dev.modmirror.core.auth;
