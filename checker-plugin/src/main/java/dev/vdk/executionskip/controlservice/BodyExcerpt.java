package dev.vdk.executionskip.controlservice;

import feign.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * A short, printable piece of an answer body for an error message: never the whole body (it may be
 * large or hostile), control characters removed, and any secret replaced by {@code ***} before it
 * is cut, so a cut can never leave half a token behind.
 */
final class BodyExcerpt {

  /** Bytes read from an error body; more than shown, so secrets are redacted whole. */
  static final int READ_BYTES = 4096;

  static final int SHOWN_CHARS = 200;

  private BodyExcerpt() {}

  /** Reads at most {@link #READ_BYTES} of the body and makes an excerpt of them. */
  static String read(Response response, Collection<String> secrets) {
    if (response.body() == null) {
      return "(no body)";
    }
    try (InputStream in = response.body().asInputStream()) {
      return of(in.readNBytes(READ_BYTES), secrets);
    } catch (IOException e) {
      return "(the body could not be read: " + e.getClass().getSimpleName() + ")";
    }
  }

  static String of(byte[] bytes, Collection<String> secrets) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    for (String secret : secrets) {
      if (!secret.isEmpty()) {
        text = text.replace(secret, "***");
      }
    }
    text = text.replaceAll("\\p{Cntrl}", " ").replaceAll("\\s+", " ").strip();
    if (text.isEmpty()) {
      return "(empty body)";
    }
    return text.length() > SHOWN_CHARS ? text.substring(0, SHOWN_CHARS) + "..." : text;
  }
}
