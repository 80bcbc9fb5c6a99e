package io.crmkit.whatsapp.sandbox;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The sandbox's delayed work (batched status webhooks, template reviews) on a thread made when the plugin
 * starts, so that no request lends it a context that is gone by the time the work runs.
 */
@ApplicationScoped
public class SandboxTimers {
    @Resource
    ManagedThreadFactory threads;

    private volatile ScheduledExecutorService timer;

    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(threads);
    }

    public void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    void after(Duration delay, Runnable work) {
        timer.schedule(work, delay.toMillis(), TimeUnit.MILLISECONDS);
    }
}
