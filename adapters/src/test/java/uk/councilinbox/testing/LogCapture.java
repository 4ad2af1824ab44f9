package uk.councilinbox.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The messages one class logs while some code runs, formatted as they would be written. */
public final class LogCapture {

    /** Code under test that may throw. */
    public interface Action {
        void run() throws Exception;
    }

    private LogCapture() {}

    public static List<String> during(Class<?> logging, Action action) throws Exception {
        List<String> logged = new ArrayList<>();
        Logger logger = Logger.getLogger(logging.getName());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getParameters() == null ? record.getMessage() : String.format(record.getMessage(), record.getParameters()));
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        logger.addHandler(capture);
        try {
            action.run();
        } finally {
            logger.removeHandler(capture);
        }
        return logged;
    }
}
