package org.telops.runtime.engine.scripted;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pre-rendered prompts: raw μ-law 8 kHz mono, no header, named {@code <prompt>.ulaw}, read from a
 * directory ({@code TELOPS_AGENT_PROMPTS_DIR}) or from the built-in class-path folder {@code prompts/}.
 * Loaded once and shared by every call.
 */
public final class PromptLibrary {
  private final Path directory;
  private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

  /** @param directory null for the built-in prompts */
  public PromptLibrary(Path directory) {
    this.directory = directory;
  }

  public boolean has(String name) {
    return load(name) != null;
  }

  /** The prompt's audio (shared: do not modify). */
  public byte[] get(String name) {
    byte[] b = load(name);
    if (b == null) {
      throw new IllegalArgumentException("prompt '" + name + "' is not in " + describe());
    }
    return b;
  }

  public String describe() {
    return directory == null ? "the built-in prompts (class path prompts/)" : directory.toString();
  }

  private byte[] load(String name) {
    if (!name.matches("[A-Za-z0-9_-]+")) {
      return null;
    }
    return cache.computeIfAbsent(name, n -> {
      try {
        if (directory != null) {
          Path p = directory.resolve(n + ".ulaw");
          return Files.exists(p) ? Files.readAllBytes(p) : null;
        }
        try (InputStream in = PromptLibrary.class.getClassLoader().getResourceAsStream("prompts/" + n + ".ulaw")) {
          return in == null ? null : in.readAllBytes();
        }
      } catch (IOException e) {
        throw new UncheckedIOException("prompt " + n + " cannot be read from " + describe(), e);
      }
    });
  }
}
