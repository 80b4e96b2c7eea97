/** Logging configuration that needs code: filters named in {@code logback.xml}. */
package dev.modmirror.deploy.logging;
