package org.telops.contracts.config;

/** A configuration value that cannot be used; the message names the variable, the value and the fix. */
public class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
