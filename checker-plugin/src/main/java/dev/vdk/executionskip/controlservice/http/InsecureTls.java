package dev.vdk.executionskip.controlservice.http;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * What {@code CONTROL_HTTP_VERIFY_SSL=false} asks for: TLS that accepts any certificate for any
 * host. Only ever used on that explicit request, and announced with a warning by the caller.
 */
final class InsecureTls {

  private InsecureTls() {}

  static SSLSocketFactory trustAllSocketFactory() {
    TrustManager trustAll =
        new X509TrustManager() {
          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
          }
        };
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trustAll}, new SecureRandom());
      return context.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("This JVM cannot set up TLS.", e);
    }
  }

  static HostnameVerifier anyHostname() {
    return (hostname, session) -> true;
  }
}
