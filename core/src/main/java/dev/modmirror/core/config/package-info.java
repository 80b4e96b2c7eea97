/**
 * Reading settings from environment variables and an optional properties file, validated at
 * start-up with every problem reported at once and secrets never echoed.
 */
package dev.modmirror.core.config;
