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
 * Makes jackson-core's streaming parser for an answer as {@code JsonFactory.createParser} made it
 * (canonicalizing no names, so an answer of many distinct names grows no table; showing no source
 * in error locations; within {@code limits}), but without loading {@link JsonFactory} in the usual
 * case: the factory's code names every parser and generator jackson-core has, and verifying it
 * loads them all, which was about a third of what a check cost a cold start
 * (checker-plugin/src/jmh/RESULTS.md, section 2).
 *
 * <ul>
 *   <li>JSON between systems is UTF-8 (RFC 8259, section 8.1), with or without a byte order mark.
 *       Such an answer goes to jackson-core's UTF-8 parser directly, through {@link ReplacingUtf8}
 *       so that bytes that are not UTF-8 read as U+FFFD, as the factory's reader read them. That
 *       parser counts a name's length in bytes, so its name limit is four times {@code limits}'
 *       (a character takes at most four): no name the factory's parser took is refused.
 *   <li>An answer in UTF-16 or UTF-32 goes through a factory, made only then, which detects its
 *       encoding as before.
 * </ul>
 *
 * <p>Needs jackson-core 2.23 or later: earlier versions cannot parse names with the placeholder
 * symbol table it passes (they fail on the first name, which {@code AnswerEncodingsTest} catches).
 */
public final class AnswerParsers {

  /** JSON text starts with an ASCII character, so four bytes tell UTF-8 from UTF-16 and UTF-32. */
  private static final int ENCODING_BYTES = 4;

  /** Most bytes a character takes in UTF-8. */
  private static final int MAX_UTF8_BYTES = 4;

  private AnswerParsers() {}

  /**
   * A parser of the answer in {@code in}. Closing it leaves {@code in} open: its owner closes it,
   * after reading more of it for an error's quote if the parser gave up.
   */
  public static JsonParser open(InputStream in, StreamReadConstraints limits) throws IOException {
    byte[] head = new byte[ENCODING_BYTES];
    int length = 0;
    while (length < head.length) {
      int read = in.read(head, length, head.length - length);
      // 0 is no byte at all from a stream that should block: no use waiting for more here; the
      // decoder that reads on refuses such a stream with an error.
      if (read <= 0) {
        break;
      }
      length += read;
    }
    InputStream whole = new SequenceInputStream(new ByteArrayInputStream(head, 0, length), in);
    if (!utf8(head, length)) {
      return OtherEncodings.parser(whole, limits);
    }
    if (hasUtf8ByteOrderMark(head, length)) {
      whole.skipNBytes(3);
    }
    IOContext context =
        new IOContext(
            limits.rebuild().maxNameLength(limits.getMaxNameLength() * MAX_UTF8_BYTES).build(),
            StreamWriteConstraints.defaults(),
            ErrorReportConfiguration.defaults(),
            new BufferRecycler(),
            ContentReference.redacted(),
            false);
    byte[] buffer = context.allocReadIOBuffer();
    int bufferStart = 0;
    int bufferEnd = 0;
    int bytesAlreadyRead = 0;
    boolean bufferFromContext = true;
    return new UTF8StreamJsonParser(
        context,
        JsonParser.Feature.collectDefaults() & ~JsonParser.Feature.AUTO_CLOSE_SOURCE.getMask(),
        new ReplacingUtf8(whole),
        null,
        // Flags 0: no canonicalizing, so a placeholder table that keeps no names.
        ByteQuadsCanonicalizer.createRoot().makeChildOrPlaceholder(0),
        buffer,
        bufferStart,
        bufferEnd,
        bytesAlreadyRead,
        bufferFromContext);
  }

  /** False when the first bytes are a UTF-16 or UTF-32 byte order mark, or hold a zero byte. */
  private static boolean utf8(byte[] head, int length) {
    if (length >= 2
        && ((head[0] == (byte) 0xFE && head[1] == (byte) 0xFF) || (head[0] == (byte) 0xFF && head[1] == (byte) 0xFE))) {
      return false;
    }
    for (int i = 0; i < length; i++) {
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
