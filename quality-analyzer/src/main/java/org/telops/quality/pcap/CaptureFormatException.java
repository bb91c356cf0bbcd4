package org.telops.quality.pcap;

import java.io.IOException;

/**
 * The file is not a readable capture: wrong magic, corrupt header, impossible record length.
 * The message is a short phrase meant to follow "FILE: " in a one-line CLI error.
 */
public final class CaptureFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public CaptureFormatException(String message) {
        super(message);
    }
}
