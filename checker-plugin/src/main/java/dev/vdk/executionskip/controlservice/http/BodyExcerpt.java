package dev.vdk.executionskip.controlservice.http;

import dev.vdk.api.OneLine;
import dev.vdk.api.Redactor;
import feign.Request;
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
    request.headers().forEach((name, values) -> {
      if (name.equalsIgnoreCase("Authorization")) {
        for (String value : values) {
          secrets.add(value);
          int space = value.indexOf(' ');
          if (space > 0 && value.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
            secrets.add(value.substring(space + 1).strip());
          }
        }
      }
    });
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

  /**
   * The excerpt of {@code bytes}, the start of a body; {@code whole} when they are all of it. When
   * they may not be, the body may go on past them in the middle of a secret, which no redaction
   * would recognise: the text is cut where one could begin (see {@link Redactor#redactStart}).
   */
  static String of(byte[] bytes, boolean whole, Collection<String> secrets) {
    Redactor redactor = Redactor.withoutSecrets().with(secrets);
    // A character the end cuts in two would read as U+FFFD, which matches no secret: left out.
    String read = new String(bytes, 0, whole ? bytes.length : wholeCharacters(bytes), StandardCharsets.UTF_8);
    String text = whole ? redactor.redact(read) : redactor.redactStart(read);
    // Runs of white space (line breaks included) read best as one space; the rest is escaped.
    text = OneLine.escape(text.replaceAll("\\s+", " ").strip());
    if (text.isEmpty()) {
      return whole || read.isBlank() ? "(empty body)" : "(" + bytes.length + " bytes came; none can be shown)";
    }
    return text.length() > SHOWN_CHARS ? text.substring(0, SHOWN_CHARS) + "..." : text;
  }

  /** How many of {@code bytes} hold whole UTF-8 characters: all but a sequence the end cuts short. */
  private static int wholeCharacters(byte[] bytes) {
    int lead = bytes.length;
    // Back over up to three continuation bytes (10xxxxxx) to the byte that leads them.
    while (lead > 0 && bytes.length - lead < 3 && (bytes[lead - 1] & 0xC0) == 0x80) {
      lead--;
    }
    if (lead == 0) {
      return bytes.length;
    }
    int first = bytes[lead - 1] & 0xFF;
    int length = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 1;
    return bytes.length - (lead - 1) < length ? lead - 1 : bytes.length;
  }
}
