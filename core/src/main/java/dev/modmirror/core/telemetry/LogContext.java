package dev.modmirror.core.telemetry;

import dev.modmirror.core.module.ModuleRef;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import org.slf4j.MDC;

/**
 * Puts the module version a thread works on into the logging MDC ({@code module}, {@code version}),
 * so that every log line about it carries them, as every line carries {@code trace_id} and {@code
 * span_id} (the OpenTelemetry logback MDC appender adds those from the current span). Log messages
 * therefore never append ids by hand.
 */
public final class LogContext {
  /** MDC key of the module path. */
  public static final String MODULE = "module";

  /** MDC key of the module version. */
  public static final String VERSION = "version";

  private LogContext() {}

  /**
   * Makes {@code span} current and names {@code ref} in the MDC until the scope closes; then the
   * previous values come back (scopes nest, as spans do).
   */
  public static Scope enter(Span span, ModuleRef ref) {
    Scope spanScope = span.makeCurrent();
    String module = MDC.get(MODULE);
    String version = MDC.get(VERSION);
    MDC.put(MODULE, ref.path().value());
    MDC.put(VERSION, ref.version().value());
    return () -> {
      restore(MODULE, module);
      restore(VERSION, version);
      spanScope.close();
    };
  }

  private static void restore(String key, String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }
}
