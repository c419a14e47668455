package dev.vdk.executionskip.controlservice.http;

import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.io.ContentReference;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import com.fasterxml.jackson.core.sym.ByteQuadsCanonicalizer;
import com.fasterxml.jackson.core.util.BufferRecycler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;

/**
 * Makes jackson-core's streaming parser for an answer, as {@code JsonFactory.createParser} makes
 * it, but without loading {@link JsonFactory} in the usual case: the factory's code names every
 * parser and generator that jackson-core has, and verifying it loads them all, which was a third of
 * what reading the first answer cost a cold start (RESULTS.md, section 3).
 *
 * <p>JSON between systems is UTF-8 (RFC 8259, section 8.1), with or without a byte order mark:
 * such an answer goes to jackson-core's UTF-8 parser directly. An answer in UTF-16 or UTF-32 goes
 * through a factory, made only then, which detects its encoding as before. Either way the parser
 * canonicalizes no names (an answer of many distinct names grows no table), shows no source in
 * error locations, and enforces {@code limits}.
 */
public final class AnswerParsers {

  /** JSON text starts with an ASCII character, so four bytes tell UTF-8 from UTF-16 and UTF-32. */
  private static final int ENCODING_BYTES = 4;

  private AnswerParsers() {}

  /**
   * A parser of the answer in {@code in}. Closing it leaves {@code in} open: its owner closes it,
   * after reading more of it for an error's quote if the parser gave up.
   */
  public static JsonParser open(InputStream in, StreamReadConstraints limits) throws IOException {
    IOContext context =
        new IOContext(
            limits,
            StreamWriteConstraints.defaults(),
            ErrorReportConfiguration.defaults(),
            new BufferRecycler(),
            ContentReference.redacted(),
            false);
    byte[] buffer = context.allocReadIOBuffer();
    int end = 0;
    while (end < ENCODING_BYTES) {
      int read = in.read(buffer, end, buffer.length - end);
      if (read < 0) {
        break;
      }
      end += read;
    }
    if (!utf8(buffer, end)) {
      context.close();
      return OtherEncodings.parser(new SequenceInputStream(new ByteArrayInputStream(buffer, 0, end), in), limits);
    }
    int start = hasUtf8ByteOrderMark(buffer, end) ? 3 : 0;
    return new UTF8StreamJsonParser(
        context,
        JsonParser.Feature.collectDefaults() & ~JsonParser.Feature.AUTO_CLOSE_SOURCE.getMask(),
        in,
        null,
        // Flags 0: no canonicalizing, so a placeholder that keeps no names.
        ByteQuadsCanonicalizer.createRoot().makeChildOrPlaceholder(0),
        buffer,
        start,
        end,
        start,
        true);
  }

  /** False when the first bytes are a UTF-16 or UTF-32 byte order mark, or hold a zero byte. */
  private static boolean utf8(byte[] head, int length) {
    if (length >= 2 && ((head[0] == (byte) 0xFE && head[1] == (byte) 0xFF) || (head[0] == (byte) 0xFF && head[1] == (byte) 0xFE))) {
      return false;
    }
    for (int i = 0; i < Math.min(length, ENCODING_BYTES); i++) {
      if (head[i] == 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasUtf8ByteOrderMark(byte[] head, int length) {
    return length >= 3 && head[0] == (byte) 0xEF && head[1] == (byte) 0xBB && head[2] == (byte) 0xBF;
  }

  /** The factory, for the rare answer that is not UTF-8; its class loads only when one comes. */
  private static final class OtherEncodings {

    static JsonParser parser(InputStream in, StreamReadConstraints limits) throws IOException {
      JsonFactory factory =
          JsonFactory.builder()
              .streamReadConstraints(limits)
              .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
              .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
              .build();
      return factory.createParser(in);
    }
  }
}
