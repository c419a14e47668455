package dev.vdk.executionskip.local;

import java.io.IOException;

/**
 * A lock folder or lock file that the local backend refuses to use, because another user could
 * write it, it is a link, or it is not what it should be. A failed check: the error policy applies.
 * The message names the path and what is wrong.
 */
public final class LockPathRejectedException extends IOException {
  private static final long serialVersionUID = 1L;

  LockPathRejectedException(String message) {
    super(message);
  }
}
