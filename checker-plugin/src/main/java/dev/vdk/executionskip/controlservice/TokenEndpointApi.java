package dev.vdk.executionskip.controlservice;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import feign.Headers;
import feign.RequestLine;

/** The OAuth2 token endpoint, for the refresh_token grant (RFC 6749 section 6). */
interface TokenEndpointApi {

  /** Posts an {@code application/x-www-form-urlencoded} body built by the caller. */
  @RequestLine("POST")
  @Headers({"Content-Type: application/x-www-form-urlencoded", "Accept: application/json"})
  TokenAnswer exchange(String formBody);

  /** The fields of a token answer the check uses; {@code expires_in} is in seconds. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record TokenAnswer(
      @JsonProperty("access_token") String accessToken,
      @JsonProperty("expires_in") Long expiresIn) {

    /** Never shows the token. */
    @Override
    public String toString() {
      return "TokenAnswer[accessToken=***, expiresIn=" + expiresIn + "]";
    }
  }
}
