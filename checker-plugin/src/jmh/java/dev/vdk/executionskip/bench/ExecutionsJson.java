package dev.vdk.executionskip.bench;

/**
 * Control Service answers of a given size: each execution has every field of the OpenAPI schema
 * {@code DataJobExecution} filled, as a deployed job's record has, so that bytes and work per
 * execution are realistic. Ids differ, so no two records are the same string.
 */
public final class ExecutionsJson {
  private ExecutionsJson() {}

  /** A JSON array of {@code count} executions. */
  public static String executions(int count) {
    StringBuilder json = new StringBuilder(count * 700 + 2).append('[');
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        json.append(',');
      }
      json.append(execution(i));
    }
    return json.append(']').toString();
  }

  /** Execution number {@code i} as one JSON object. */
  public static String execution(int i) {
    String id = "example-incremental-etl-" + (1795830000L + i);
    return "{\"id\":\"" + id + "\","
        + "\"job_name\":\"example-incremental-etl\","
        + "\"status\":\"running\","
        + "\"type\":\"scheduled\","
        + "\"start_time\":\"2026-11-28T03:40:" + String.format("%02d", i % 60) + "Z\","
        + "\"end_time\":null,"
        + "\"started_by\":\"scheduled/runtime\","
        + "\"logs_url\":\"https://logs.example.com/app/discover#/?_a=(query:'" + id + "')\","
        + "\"message\":\"Data Job execution is running.\","
        + "\"op_id\":\"" + String.format("%016x", 0x5eedL * (i + 1)) + "\","
        + "\"deployment\":{"
        + "\"vdk_version\":\"0.1.0\","
        + "\"job_version\":\"4f2d1c0a9b8e7d6c5b4a39281706f5e4d3c2b1a0\","
        + "\"python_version\":\"3.11\","
        + "\"mode\":\"release\","
        + "\"id\":\"production\","
        + "\"enabled\":true,"
        + "\"deployed_by\":\"data-demo-ci\","
        + "\"deployed_date\":\"2026-11-20T10:00:00Z\","
        + "\"schedule\":{\"schedule_cron\":\"*/10 * * * *\"},"
        + "\"resources\":{\"cpu_request\":0.5,\"cpu_limit\":1.0,"
        + "\"memory_request\":512,\"memory_limit\":1024}}}";
  }
}
