package io.crmkit.crm.infrastructure;

import java.io.IOException;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * A client that goes away before its answer is written (a browser tab closed during a download, a caller
 * killed while it waited) is no server error, but Jersey logs it at SEVERE with a stack trace. This filter keeps
 * such records out of the log at that level and notes them at FINE; every other record passes untouched.
 */
final class ClientDisconnects implements Filter {
    /** Held here: the logging framework keeps loggers only weakly, and a collected logger loses its filter. */
    private static final Logger JERSEY_RESPONDER = Logger.getLogger("org.glassfish.jersey.server.ServerRuntime$Responder");
    private static final Logger LOG = Logger.getLogger(ClientDisconnects.class.getName());

    private ClientDisconnects() {
    }

    static void keepOutOfTheErrorLog() {
        JERSEY_RESPONDER.setFilter(new ClientDisconnects());
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        if (!causedByTheConnection(record.getThrown())) {
            return true;
        }
        LOG.log(Level.FINE, "A client closed its connection before its answer was written: {0}",
                String.valueOf(record.getThrown()));
        return false;
    }

    private static boolean causedByTheConnection(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
