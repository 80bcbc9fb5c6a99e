package io.crmkit.whatsapp.sandbox;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The latest records of something the sandbox remembers for tests and the customer page (requests, sent
 * messages, read receipts), oldest first. Bounded: past its capacity the oldest are forgotten, so that a
 * long-running demo or a load test cannot fill the server's memory.
 */
final class RecentRecords<T> {
    private final int capacity;
    private final ConcurrentLinkedDeque<T> records = new ConcurrentLinkedDeque<>();
    private final AtomicInteger size = new AtomicInteger();

    RecentRecords(int capacity) {
        this.capacity = capacity;
    }

    void add(T record) {
        records.addLast(record);
        if (size.incrementAndGet() > capacity && records.pollFirst() != null) {
            size.decrementAndGet();
        }
    }

    List<T> all() {
        return List.copyOf(records);
    }
}
