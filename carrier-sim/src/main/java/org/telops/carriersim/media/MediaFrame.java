package org.telops.carriersim.media;

/**
 * 20 ms of μ-law audio; {@code index} counts frames from the start of the bridge, so gaps left by lost
 * frames show up in the chunk numbers and timestamps the receiver sees.
 */
public record MediaFrame(long index, byte[] payload) {}
