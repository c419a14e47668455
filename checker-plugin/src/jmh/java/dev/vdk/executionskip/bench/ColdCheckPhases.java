package dev.vdk.executionskip.bench;

import dev.vdk.executionskip.controlservice.ControlServiceClient;
import dev.vdk.executionskip.controlservice.ControlServiceSettings;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.logging.Logger;

/**
 * Where a cold check's time goes, in a fresh JVM, without the plugin's background preload: making
 * the client (Feign's client type and the transport), the first check (loads the JDK's HTTP
 * client, Feign's request and response types and jackson-core's parser, connects, reads), and a
 * second check (nothing left to load; the code still runs interpreted). Prints one line: {@code client_ms first_check_ms second_check_ms} and the
 * classes each phase loaded. {@code cold-start.sh} runs it once per pair and takes medians.
 *
 * <p>Argument: the base URL of a loopback server answering the executions of {@code
 * data-demo/example-incremental-etl}.
 */
public final class ColdCheckPhases {
  private ColdCheckPhases() {}

  public static void main(String[] args) {
    // As in the job, the check's INFO line goes to the console; here it would only clutter.
    Logger quiet = Logger.getLogger("dev.vdk.executionskip");
    quiet.setLevel(java.util.logging.Level.WARNING);
    ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
    ControlServiceSettings settings = ControlServiceSettings.defaults(URI.create(args[0]));

    long loaded0 = classes.getTotalLoadedClassCount();
    long t0 = System.nanoTime();
    ControlServiceClient client = new ControlServiceClient(settings);
    long t1 = System.nanoTime();
    long loaded1 = classes.getTotalLoadedClassCount();
    client.activeExecutions(CheckLatencyBenchmark.TEAM, CheckLatencyBenchmark.JOB);
    long t2 = System.nanoTime();
    long loaded2 = classes.getTotalLoadedClassCount();
    client.activeExecutions(CheckLatencyBenchmark.TEAM, CheckLatencyBenchmark.JOB);
    long t3 = System.nanoTime();
    long loaded3 = classes.getTotalLoadedClassCount();

    // A decimal point whatever the locale: cold-start.sh reads these figures.
    System.out.printf(
        java.util.Locale.ROOT,
        "client_ms=%.1f first_check_ms=%.1f second_check_ms=%.1f"
            + " client_classes=%d first_check_classes=%d second_check_classes=%d%n",
        (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6,
        loaded1 - loaded0, loaded2 - loaded1, loaded3 - loaded2);
    // The level lives on the logger, which must outlive the checks to keep it.
    java.lang.ref.Reference.reachabilityFence(quiet);
  }
}
