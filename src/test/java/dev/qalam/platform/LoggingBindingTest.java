package dev.qalam.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Libraries that log through SLF4J (Tesseract's tess4j) reach java.util.logging, and so the server's log.
 * tess4j brings slf4j-api 1.7, which finds no binding among SLF4J 2 providers and drops every message: the
 * pom pins slf4j-api 2 beside the slf4j-jdk14 provider.
 */
class LoggingBindingTest {

    @Test
    void tesseractsSlf4jMessagesReachJavaUtilLogging() {
        String name = "net.sourceforge.tess4j.Tesseract";
        List<String> seen = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                seen.add(record.getLevel() + " " + record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger jul = Logger.getLogger(name);
        jul.addHandler(handler);
        try {
            LoggerFactory.getLogger(name).warn("probe {}", 42);
        } finally {
            jul.removeHandler(handler);
        }
        assertEquals(List.of("WARNING probe 42"), seen);
    }
}
