package dev.vdk.executionskip.controlservice;

import feign.Response;
import feign.codec.Decoder;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.List;

/**
 * Reads at most {@code maxBytes} of an answer and hands them to the JSON decoder. An answer that
 * announces more (Content-Length) is refused unread; one that sends more without announcing it
 * (chunked) is cut off at the cap, so a broken or hostile server cannot fill the job's memory.
 *
 * <p>When the bytes are not what the decoder expects (an HTML error page, malformed JSON) the
 * error quotes an excerpt of them, unless the answer carries a secret (the token endpoint's).
 */
final class BoundedDecoder implements Decoder {

  private final Decoder delegate;
  private final long maxBytes;
  private final boolean quoteOnFailure;
  private final Collection<String> secrets;

  BoundedDecoder(Decoder delegate, long maxBytes, boolean quoteOnFailure, Collection<String> secrets) {
    this.delegate = delegate;
    this.maxBytes = maxBytes;
    this.quoteOnFailure = quoteOnFailure;
    this.secrets = List.copyOf(secrets);
  }

  @Override
  public Object decode(Response response, Type type) throws IOException {
    String call = ControlServiceErrorDecoder.describe(response.request());
    if (response.body() == null) {
      return delegate.decode(response, type);
    }
    long announced = announcedLength(response);
    if (announced > maxBytes) {
      throw tooLarge(call, response.status(), "announces " + announced + " bytes");
    }
    byte[] bytes;
    try (InputStream in = response.body().asInputStream()) {
      // One byte more than allowed tells "exactly at the cap" from "over it".
      bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8L, maxBytes + 1));
    }
    if (bytes.length > maxBytes) {
      throw tooLarge(call, response.status(), "goes on past the cap");
    }
    try {
      return delegate.decode(response.toBuilder().body(bytes).build(), type);
    } catch (IOException | RuntimeException e) {
      List<String> known = BodyExcerpt.secretsOf(response.request(), secrets);
      String quoted = quoteOnFailure ? ": " + BodyExcerpt.of(bytes, known) : "";
      // The cause stays out when the body is secret or echoes a secret: a parser's message may
      // quote a whole token ("Unrecognized token '...'").
      throw new ControlServiceException(
          "The answer to " + call + " (HTTP " + response.status() + ", Content-Type "
              + contentType(response) + ") is not the JSON expected" + quoted,
          response.status(),
          quoteOnFailure && !BodyExcerpt.holdsAny(bytes, known) ? e : null);
    }
  }

  private ControlServiceException tooLarge(String call, int status, String how) {
    return new ControlServiceException(
        "The answer to " + call + " (HTTP " + status + ") " + how + ", more than the "
            + maxBytes + " bytes allowed; it was refused.",
        status,
        null);
  }

  private static String contentType(Response response) {
    return ResponseHeaders.first(response, "Content-Type").orElse("(none)");
  }

  /** Content-Length, or -1 when absent or unreadable (the stream cap still applies then). */
  private static long announcedLength(Response response) {
    try {
      return ResponseHeaders.first(response, "Content-Length").map(Long::parseLong).orElse(-1L);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
