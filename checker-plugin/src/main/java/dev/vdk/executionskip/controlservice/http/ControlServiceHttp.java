package dev.vdk.executionskip.controlservice.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vdk.api.Redactor;
import dev.vdk.executionskip.backend.Sleeper;
import dev.vdk.executionskip.backend.Backoff;
import dev.vdk.executionskip.backend.Deadline;
import feign.Client;
import feign.DefaultClient;
import feign.Request;
import feign.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Sends one request of a check through Feign's {@link Client} and turns what comes back into an
 * answer or one error. Whatever belongs to the check comes in as a parameter: the request carries
 * its operation id and token, and its {@link Deadline} bounds everything done for it.
 *
 * <ul>
 *   <li>Each attempt's connect and read timeouts are cut to the time the deadline leaves. A
 *       deadline that has passed before an attempt, or that cut a timed-out attempt short, fails
 *       the request with the deadline's own error, never with the socket's.
 *   <li>A failed attempt is tried again as the reference client does ({@link Retries}), after the
 *       pauses of {@link Backoff#STANDARD}, unless the pause would pass the deadline.
 *   <li>A redirect is an error, never followed: the {@code Authorization} header must not travel to
 *       whatever host a {@code Location} names.
 *   <li>Every body, answer or error, is read through an {@link AnswerStream}: capped in size, and
 *       never read past the deadline. An answer that announces more than the cap is refused unread.
 *   <li>Whatever is not the answer expected becomes one {@link ControlServiceException}, worded by
 *       {@link ErrorAnswers}.
 * </ul>
 */
public final class ControlServiceHttp {

  /** The check a passed deadline names: the backend's name. */
  static final String CHECK = "control-service";

  /** The statuses the reference client retries. */
  private static final Set<Integer> RETRYABLE_STATUSES = Set.of(500, 502, 503, 504);

  private static final System.Logger LOG = System.getLogger(ControlServiceHttp.class.getName());

  /** What a request is; it decides how the request is retried and how its answers are quoted. */
  public enum Kind {
    /** A read: safe to repeat, and an error answer may be quoted in part. */
    READ,
    /**
     * The OAuth2 token exchange: its answers are secret, and it is repeated only when it never
     * reached the server, so that a refresh token the server rotates is never spent twice.
     */
    TOKEN_EXCHANGE
  }

  /** Reads the body of a 2xx answer; a shape it does not expect is a {@link MalformedAnswer}. */
  @FunctionalInterface
  public interface AnswerReader<T> {
    T read(InputStream body) throws IOException;
  }

  private final HttpSettings settings;
  private final Client client;
  private final Sleeper sleeper;

  /**
   * @param client sends each attempt; redirects and TLS are its business, so a replacement must
   *     not follow redirects either
   */
  public ControlServiceHttp(HttpSettings settings, Client client, Sleeper sleeper) {
    this.settings = settings;
    this.client = client;
    this.sleeper = sleeper;
  }

  /**
   * Feign's default client (HttpURLConnection, which streams answer bodies), with TLS verified
   * unless {@code verifySsl} is false; then it warns, naming {@code hosts}.
   */
  public static Client defaultClient(boolean verifySsl, String hosts) {
    if (verifySsl) {
      return new DefaultClient(null, null);
    }
    LOG.log(
        System.Logger.Level.WARNING,
        "TLS certificates and host names are not verified for {0}, because CONTROL_HTTP_VERIFY_SSL"
            + " is false; anyone on the network path could read the credentials sent to them.",
        hosts);
    return new DefaultClient(InsecureTls.trustAllSocketFactory(), InsecureTls.anyHostname());
  }

  /**
   * Sends {@code request} until it is answered, and reads a 2xx answer with {@code reader}.
   *
   * @throws ControlServiceException when there is no usable answer
   * @throws dev.vdk.executionskip.backend.CheckTimeoutException when the deadline passes first
   */
  public <T> T send(Request request, Kind kind, Deadline deadline, AnswerReader<T> reader) {
    Retries retries = new Retries(settings, kind == Kind.TOKEN_EXCHANGE);
    while (true) {
      if (deadline.passed()) {
        throw deadline.exceeded(CHECK, null);
      }
      Request.Options options = optionsWithin(deadline);
      boolean cutShort =
          options.connectTimeoutMillis() < settings.connectTimeout().toMillis()
              || options.readTimeoutMillis() < settings.readTimeout().toMillis();
      Response response;
      try {
        response = client.execute(request, options);
      } catch (IOException e) {
        throwIfTheDeadlineEndedIt(e, cutShort, deadline);
        pauseOrThrow(retries.afterFailure(e), ErrorAnswers.noAnswer(request, e), retries, deadline);
        continue;
      }
      try (response) {
        if (response.status() >= 200 && response.status() < 300) {
          return read(response, kind, reader, deadline, cutShort);
        }
        ControlServiceException failure = errorAnswer(response, kind, deadline, cutShort);
        boolean retryable = RETRYABLE_STATUSES.contains(response.status());
        pauseOrThrow(retryable && retries.afterRetryableStatus(), failure, retries, deadline);
      }
    }
  }

  /** At least 1 ms: HttpURLConnection reads a timeout of 0 as "wait forever". */
  private Request.Options optionsWithin(Deadline deadline) {
    long left = deadline.remaining().toMillis();
    return new Request.Options(
        Math.max(1, Math.min(settings.connectTimeout().toMillis(), left)),
        TimeUnit.MILLISECONDS,
        Math.max(1, Math.min(settings.readTimeout().toMillis(), left)),
        TimeUnit.MILLISECONDS,
        false);
  }

  /**
   * A timeout that the deadline cut short, or any failure once the deadline has passed, is the
   * deadline's: the same error whichever timer noticed first.
   */
  private static void throwIfTheDeadlineEndedIt(IOException failure, boolean cutShort, Deadline deadline) {
    if (failure instanceof AnswerStream.DeadlinePassed
        || deadline.passed()
        || (cutShort && failure instanceof SocketTimeoutException)) {
      throw deadline.exceeded(CHECK, Redactor.withoutSecrets().redact(failure));
    }
  }

  /** Pauses before the next attempt, or throws {@code failure} when there is none to make. */
  private void pauseOrThrow(
      boolean retry, ControlServiceException failure, Retries retries, Deadline deadline) {
    if (!retry) {
      throw failure;
    }
    Duration pause = Backoff.STANDARD.pause(retries.granted() - 1);
    if (!deadline.allows(pause)) {
      throw new ControlServiceException(
          "The Control Service check stopped retrying: waiting " + pause.toMillis()
              + " ms for another attempt would pass its deadline. The last attempt failed: "
              + failure.getMessage(),
          failure.status().orElse(-1),
          failure);
    }
    try {
      sleeper.sleep(pause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure;
    }
  }

  private <T> T read(
      Response response, Kind kind, AnswerReader<T> reader, Deadline deadline, boolean cutShort) {
    long announced = ErrorAnswers.contentLength(response);
    if (announced > settings.maxAnswerBytes()) {
      throw ErrorAnswers.tooLarge(response, "announces " + announced + " bytes", settings.maxAnswerBytes());
    }
    AnswerStream body = null;
    try {
      body = body(response, settings.maxAnswerBytes(), deadline);
      try (AnswerStream in = body) {
        return readQuotably(reader, in);
      }
    } catch (AnswerStream.TooLarge e) {
      throw ErrorAnswers.tooLarge(response, "goes on past the cap", settings.maxAnswerBytes());
    } catch (MalformedAnswer e) {
      // Its message quotes nothing of the answer, so it may be shown and kept as the cause.
      throw ErrorAnswers.notTheJsonExpected(
          response, kind, e.getOriginalMessage() + ErrorAnswers.where(e), body.head(), body.headIsWhole(), e,
          settings.secrets());
    } catch (JsonProcessingException e) {
      // A parser's message may quote the answer, and whether the part it quotes holds a secret
      // cannot be told from the start alone: the message and the cause stay out.
      throw ErrorAnswers.notTheJsonExpected(
          response, kind, "it is not valid JSON" + ErrorAnswers.where(e), body.head(), body.headIsWhole(), null,
          settings.secrets());
    } catch (IOException e) {
      throwIfTheDeadlineEndedIt(e, cutShort, deadline);
      throw ErrorAnswers.unreadable(response, e);
    }
  }

  /**
   * Reads a 2xx answer with {@code reader}. A parser may give up at the first byte it cannot take;
   * when it does, the rest of the first bytes are read, so the error quotes the start of the answer
   * however much the parser had buffered.
   */
  private static <T> T readQuotably(AnswerReader<T> reader, AnswerStream body) throws IOException {
    try {
      return reader.read(body);
    } catch (JsonProcessingException e) {
      body.readRestOfHead();
      throw e;
    }
  }

  /** An answer that is not 2xx, as an error; its body is read as any other, within the deadline. */
  private ControlServiceException errorAnswer(
      Response response, Kind kind, Deadline deadline, boolean cutShort) {
    byte[] head;
    boolean whole;
    try (AnswerStream body = body(response, BodyExcerpt.READ_BYTES, deadline)) {
      head = body.readNBytes(BodyExcerpt.READ_BYTES);
      whole = body.headIsWhole();
    } catch (IOException e) {
      throwIfTheDeadlineEndedIt(e, cutShort, deadline);
      head = new byte[0];
      whole = false;
    }
    return ErrorAnswers.status(response, kind, head, whole, settings.secrets());
  }

  /**
   * The length the server announced for the body as read, or -1: none announced, or the body is
   * encoded (gzip, deflate), so what is read is not what was counted.
   */
  private static long plainLength(Response response) {
    return ErrorAnswers.header(response, "Content-Encoding").isPresent() ? -1 : ErrorAnswers.contentLength(response);
  }

  private static AnswerStream body(Response response, long maxBytes, Deadline deadline) throws IOException {
    InputStream raw = response.body() == null ? InputStream.nullInputStream() : response.body().asInputStream();
    return new AnswerStream(raw, maxBytes, deadline, BodyExcerpt.READ_BYTES, plainLength(response));
  }
}
