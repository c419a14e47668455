package dev.vdk.api;

/**
 * A configuration value is missing or cannot be read as what its reader expects. The message names
 * the key, the value, where the value came from and what is accepted; for a sensitive key it names
 * no value.
 */
public class ConfigurationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigurationException(String message) {
    super(message);
  }
}
