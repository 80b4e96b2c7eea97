package dev.modmirror.core.event;

import dev.modmirror.core.error.InvalidInputException;

/** Checks shared by the events' compact constructors. */
final class Events {
  private Events() {}

  static void checkSchema(int schema, int supported, String event) {
    if (schema != supported) {
      throw new InvalidInputException(
          event
              + ": unsupported schema version "
              + schema
              + " (this build reads "
              + supported
              + ")");
    }
  }

  static <T> T required(T value, String field, String event) {
    if (value == null) {
      throw new InvalidInputException(event + ": missing field '" + field + "'");
    }
    return value;
  }

  static String text(String value, String field, String event) {
    if (value == null || value.isBlank()) {
      throw new InvalidInputException(event + ": missing field '" + field + "'");
    }
    return value;
  }
}
