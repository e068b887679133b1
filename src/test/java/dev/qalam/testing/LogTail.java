package dev.qalam.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The end of a child process's log, for the message of a test that could not start or reach it. */
public final class LogTail {

    private LogTail() {
    }

    public static String of(Path log) {
        try {
            String s = Files.readString(log);
            return s.substring(Math.max(0, s.length() - 4000));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
