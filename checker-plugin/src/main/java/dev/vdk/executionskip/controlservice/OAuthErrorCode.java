package dev.vdk.executionskip.controlservice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.regex.Pattern;

/**
 * The OAuth {@code error} code of a token endpoint's error answer (RFC 6749 section 5.2), such as
 * {@code invalid_grant}: the only part of that answer ever shown. The rest ({@code
 * error_description}, an HTML page) is free text that may echo the token that was refused, in any
 * encoding, so it is never quoted.
 */
final class OAuthErrorCode {

  /** What is shown when the answer holds no usable code. */
  static final String NONE = "without an OAuth error code";

  /** RFC 6749 section 5.2: {@code error = 1*( %x20-21 / %x23-5B / %x5D-7E )}; real codes are short. */
  private static final Pattern CODE = Pattern.compile("[\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]{1,64}");

  private static final ObjectMapper JSON = new ObjectMapper();

  private OAuthErrorCode() {}

  /** The answer's error code, or {@link #NONE}; {@code secrets} are what a code must not be. */
  static String of(Response response, Collection<String> secrets) {
    if (response.body() == null) {
      return NONE;
    }
    try (InputStream in = response.body().asInputStream()) {
      JsonNode error = JSON.readTree(in.readNBytes(BodyExcerpt.READ_BYTES)).path("error");
      if (error.isTextual()
          && CODE.matcher(error.textValue()).matches()
          // A server that puts the token itself where the code goes gets no code shown.
          && !BodyExcerpt.holdsAny(error.textValue().getBytes(StandardCharsets.UTF_8), secrets)) {
        return error.textValue();
      }
    } catch (IOException | RuntimeException e) {
      // Not JSON, cut short, or not an object: there is no code to show.
    }
    return NONE;
  }
}
