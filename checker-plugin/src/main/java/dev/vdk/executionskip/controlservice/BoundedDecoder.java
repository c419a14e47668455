package dev.vdk.executionskip.controlservice;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import feign.Response;
import feign.codec.Decoder;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.List;

/**
 * Reads at most {@code maxBytes} of an answer and decodes it. An answer that announces more
 * (Content-Length) is refused unread; one that sends more without announcing it (chunked) is cut
 * off at the cap, so a broken or hostile server cannot fill the job's memory.
 *
 * <p>A list of executions ({@link ActiveExecutions}) is read as a stream by {@link
 * ExecutionsAnswerReader}, which keeps only what a decision needs; any other answer is read whole,
 * then handed to the JSON decoder.
 *
 * <p>When the bytes are not what is expected (an HTML error page, malformed JSON) the error quotes
 * an excerpt of them, unless the answer carries a secret (the token endpoint's).
 */
final class BoundedDecoder implements Decoder {

  private final Decoder delegate;
  private final ExecutionsAnswerReader executions;
  private final long maxBytes;
  private final boolean quoteOnFailure;
  private final Collection<String> secrets;

  BoundedDecoder(
      Decoder delegate,
      ExecutionsAnswerReader executions,
      long maxBytes,
      boolean quoteOnFailure,
      Collection<String> secrets) {
    this.delegate = delegate;
    this.executions = executions;
    this.maxBytes = maxBytes;
    this.quoteOnFailure = quoteOnFailure;
    this.secrets = List.copyOf(secrets);
  }

  @Override
  public Object decode(Response response, Type type) throws IOException {
    String call = ControlServiceErrorDecoder.describe(response.request());
    if (response.body() == null) {
      return type == ActiveExecutions.class ? null : delegate.decode(response, type);
    }
    long announced = announcedLength(response);
    if (announced > maxBytes) {
      throw tooLarge(call, response.status(), "announces " + announced + " bytes");
    }
    if (type == ActiveExecutions.class) {
      return readExecutions(response, call);
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
      // The cause stays out when the body is secret or echoes a secret: a parser's message may
      // quote a whole token ("Unrecognized token '...'").
      throw notTheJsonExpected(
          response, call, "", bytes, quoteOnFailure && !BodyExcerpt.holdsAny(bytes, known) ? e : null);
    }
  }

  private ActiveExecutions readExecutions(Response response, String call) throws IOException {
    CappedAnswerStream in =
        new CappedAnswerStream(response.body().asInputStream(), maxBytes, BodyExcerpt.READ_BYTES);
    try (in) {
      return executions.read(in).orElse(null);
    } catch (CappedAnswerStream.TooLarge e) {
      throw tooLarge(call, response.status(), "goes on past the cap");
    } catch (ExecutionsAnswerReader.MalformedAnswer e) {
      // Its message quotes nothing of the answer, so it may be shown and kept as the cause.
      throw notTheJsonExpected(response, call, e.getOriginalMessage() + where(e), in.head(), e);
    } catch (JsonProcessingException e) {
      // Only the start of the answer was kept, so whether the parser's message quotes a secret
      // that comes later cannot be told: the message and the cause stay out.
      throw notTheJsonExpected(response, call, "it is not valid JSON" + where(e), in.head(), null);
    }
  }

  /**
   * @param what what is wrong, in words for the user, or empty
   * @param head the answer's bytes, or the first of them
   */
  private ControlServiceException notTheJsonExpected(
      Response response, String call, String what, byte[] head, Throwable cause) {
    List<String> known = BodyExcerpt.secretsOf(response.request(), secrets);
    String quoted = quoteOnFailure ? ": " + BodyExcerpt.of(head, known) : "";
    return new ControlServiceException(
        "The answer to " + call + " (HTTP " + response.status() + ", Content-Type "
            + contentType(response) + ") is not the JSON expected"
            + (what.isEmpty() ? "" : " (" + what + ")") + quoted,
        response.status(),
        cause);
  }

  private static String where(JsonProcessingException e) {
    JsonLocation location = e.getLocation();
    return location == null || location.getLineNr() < 1
        ? ""
        : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
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
