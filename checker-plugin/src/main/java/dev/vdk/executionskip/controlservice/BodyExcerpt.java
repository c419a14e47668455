package dev.vdk.executionskip.controlservice;

import dev.vdk.api.OneLine;
import dev.vdk.api.Redactor;
import feign.Request;
import feign.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * A short, printable piece of an answer body for an error message: never the whole body (it may be
 * large or hostile), on one line with control characters escaped (see {@link OneLine}), and every
 * secret hidden in every form (see {@link Redactor}) before it is cut, so a cut can never leave half
 * a token behind.
 */
final class BodyExcerpt {

  /** Bytes read from an error body; more than shown, so secrets are redacted whole. */
  static final int READ_BYTES = 4096;

  static final int SHOWN_CHARS = 200;

  private BodyExcerpt() {}

  /**
   * The configured secrets plus the credential the request carried: the access token is never
   * configured, yet a server that rejects it may well echo it back.
   */
  static List<String> secretsOf(Request request, Collection<String> configured) {
    List<String> secrets = new ArrayList<>(configured);
    if (request != null) {
      request.headers().entrySet().stream()
          .filter(header -> header.getKey().equalsIgnoreCase("Authorization"))
          .flatMap(header -> header.getValue().stream())
          .forEach(
              value -> {
                secrets.add(value);
                int space = value.indexOf(' ');
                if (space > 0 && value.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
                  secrets.add(value.substring(space + 1).strip());
                }
              });
    }
    // Longest first, so a secret that contains another is replaced whole.
    secrets.sort((a, b) -> Integer.compare(b.length(), a.length()));
    return secrets;
  }

  /** Whether {@code bytes} hold any of {@code secrets}, in any of the forms it is hidden in. */
  static boolean holdsAny(byte[] bytes, Collection<String> secrets) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    Redactor urlsOnly = Redactor.withoutSecrets();
    return !urlsOnly.with(secrets).redact(text).equals(urlsOnly.redact(text));
  }

  /** Reads at most {@link #READ_BYTES} of the body and makes an excerpt of them. */
  static String read(Response response, Collection<String> secrets) {
    if (response.body() == null) {
      return "(no body)";
    }
    try (InputStream in = response.body().asInputStream()) {
      return of(in.readNBytes(READ_BYTES), secretsOf(response.request(), secrets));
    } catch (IOException e) {
      return "(the body could not be read: " + e.getClass().getSimpleName() + ")";
    }
  }

  static String of(byte[] bytes, Collection<String> secrets) {
    String text = Redactor.withoutSecrets().with(secrets).redact(new String(bytes, StandardCharsets.UTF_8));
    // Runs of white space (line breaks included) read best as one space; the rest is escaped.
    text = OneLine.escape(text.replaceAll("\\s+", " ").strip());
    if (text.isEmpty()) {
      return "(empty body)";
    }
    return text.length() > SHOWN_CHARS ? text.substring(0, SHOWN_CHARS) + "..." : text;
  }
}
