package dev.vdk.runtime;

/** A plugin failed to load or failed inside a hook; the message names the plugin's class. */
public class PluginException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PluginException(String message, Throwable cause) {
    super(message, cause);
  }
}
