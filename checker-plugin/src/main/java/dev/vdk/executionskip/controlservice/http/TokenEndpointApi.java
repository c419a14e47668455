package dev.vdk.executionskip.controlservice.http;

import feign.Headers;
import feign.RequestLine;

/**
 * The OAuth2 token endpoint, for the refresh_token grant (RFC 6749 section 6), declared as Feign
 * reads it. {@link CheckRequests#tokenExchange} builds exactly this request (a test pins the two
 * together) with Feign's request type directly.
 */
interface TokenEndpointApi {

  /** Posts an {@code application/x-www-form-urlencoded} body built by the caller. */
  @RequestLine("POST")
  @Headers({"Content-Type: application/x-www-form-urlencoded", "Accept: application/json"})
  TokenAnswer exchange(String formBody);
}
