package dev.modmirror.adapters.s3;

import dev.modmirror.core.error.ModmirrorException;
import dev.modmirror.core.error.NotFoundException;
import dev.modmirror.core.error.PermanentException;
import dev.modmirror.core.error.TransientException;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.InsufficientDataException;
import io.minio.errors.InvalidResponseException;
import io.minio.errors.ServerException;
import java.io.IOException;
import java.util.Set;

/** Translates MinIO SDK and okhttp exceptions into modmirror's failure kinds. */
final class S3Errors {
  private static final Set<String> NOT_FOUND = Set.of("NoSuchKey", "NoSuchObject", "NotFound");
  private static final Set<String> RETRYABLE =
      Set.of(
          "InternalError",
          "ServiceUnavailable",
          "SlowDown",
          "RequestTimeout",
          "RequestTimeTooSkewed",
          "XMinioServerNotInitialized");

  private S3Errors() {}

  /**
   * True if the error says the object does not exist (not the bucket: that is misconfiguration).
   */
  static boolean isMissingObject(Exception e) {
    return e instanceof ErrorResponseException r && NOT_FOUND.contains(r.errorResponse().code());
  }

  /**
   * @param what the operation and object, for the message, e.g. {@code put bucket/key}
   * @param module the module path, or null
   * @param version the version, or null
   */
  static ModmirrorException translate(Exception e, String what, String module, String version) {
    String message = what + " failed: " + describe(e);
    if (interrupted(e)) {
      // A deadline or a shutdown: the work is abandoned now and may be redone.
      return new TransientException(what + ": interrupted", module, version, e);
    }
    if (e instanceof ErrorResponseException r) {
      String code = r.errorResponse().code();
      if (NOT_FOUND.contains(code)) {
        return new NotFoundException(message, module, version, e);
      }
      int status = r.response() == null ? 0 : r.response().code();
      if (status >= 500 || RETRYABLE.contains(code)) {
        return new TransientException(message, module, version, e);
      }
      // AccessDenied, SignatureDoesNotMatch, InvalidAccessKeyId, NoSuchBucket: repeating won't
      // help.
      return new PermanentException(message, module, version, e);
    }
    if (e instanceof ServerException s) {
      return s.statusCode() >= 500
          ? new TransientException(message, module, version, e)
          : new PermanentException(message, module, version, e);
    }
    if (e instanceof IOException
        || e instanceof InsufficientDataException
        || e instanceof InvalidResponseException) {
      // Refused or reset connections, timeouts, a source stream that broke or ended early.
      return new TransientException(message, module, version, e);
    }
    return new PermanentException(message, module, version, e);
  }

  /** True if the SDK call ended because the calling thread was interrupted. */
  static boolean interrupted(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InterruptedException || t instanceof java.io.InterruptedIOException) {
        return true;
      }
    }
    return false;
  }

  private static String describe(Exception e) {
    if (e instanceof ErrorResponseException r) {
      return r.errorResponse().code() + ": " + r.errorResponse().message();
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
