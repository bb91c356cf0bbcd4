package org.telops.admin;

/** Lets tests in feature packages start the shared bed. */
public final class ConsoleBedAccess {
  private ConsoleBedAccess() {}

  public static void ensure() throws Exception {
    ConsoleBed.get();
  }
}
