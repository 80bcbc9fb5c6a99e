package io.crmkit.whatsapp.application;

import jakarta.enterprise.concurrent.ManagedThreadFactory;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Background work on a managed thread of the application: runs its task when woken (for example after a
 * commit that brought new work), and at least every interval (work left by a crash or another node). Waking
 * only signals the thread, so a request never lends its own, soon gone, context to the work.
 */
public final class WakeableLoop {
    private static final Logger LOG = Logger.getLogger(WakeableLoop.class.getName());

    private final BlockingQueue<Boolean> wake = new ArrayBlockingQueue<>(1);
    private volatile boolean running;
    private Thread thread;

    public void start(ManagedThreadFactory threads, String name, Duration interval, Runnable task) {
        running = true;
        thread = threads.newThread(() -> {
            while (running) {
                try {
                    wake.poll(interval.toMillis(), TimeUnit.MILLISECONDS);
                    if (running) {
                        task.run();
                    }
                } catch (InterruptedException stopping) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException failed) {
                    LOG.log(Level.WARNING, name + " failed; trying again shortly", failed);
                }
            }
        });
        thread.setName(name);
        thread.start();
    }

    /** Asks for a run now; several wake-ups before it starts make one run. */
    public void wakeUp() {
        wake.offer(Boolean.TRUE);
    }

    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
