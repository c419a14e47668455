package dev.vdk.api;

/** One step of a data job. Steps run in order; an exception ends the run as a user error. */
@FunctionalInterface
public interface Step {

  void run(JobInput input) throws Exception;

  /** The name reports and log lines use; the class's simple name unless overridden. */
  default String name() {
    String simpleName = getClass().getSimpleName();
    return simpleName.isEmpty() ? getClass().getName() : simpleName;
  }

  /** A step with a given name, for steps written as lambdas. */
  static Step named(String name, Step body) {
    return new Step() {
      @Override
      public void run(JobInput input) throws Exception {
        body.run(input);
      }

      @Override
      public String name() {
        return name;
      }
    };
  }
}
