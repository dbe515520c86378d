package dev.jembed.engine.model;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A fixed pool of {@code threads - 1} daemon workers plus the calling thread, owned by one model.
 * {@link #run} hands out the items of one job; items are claimed dynamically, so a worker the OS is
 * slow to schedule never holds the caller up (the caller just takes its items). Only one job runs at
 * a time: callers hold {@link #acquire()} for a whole forward pass, so several threads sharing a model
 * queue up instead of oversubscribing the cores.
 *
 * <p>Which thread runs an item never changes a result: the kernels compute every output element in
 * an order independent of the split.
 */
final class Parallel implements AutoCloseable {

    /** One item of a job; {@code worker} in {@code [0, threads)} indexes per-thread scratch (0 is the caller). */
    @FunctionalInterface
    interface Task {
        void run(int item, int worker);
    }

    /**
     * How long an idle worker (and a caller waiting for the last items) spins before parking:
     * {@code -Djembed.spinMicros}, default 200; 0 parks at once.
     */
    private static final long SPIN_NANOS = 1000L * Math.max(0, Integer.getInteger("jembed.spinMicros", 200));

    private final int threads;
    private final Thread[] workers;
    private final ReentrantLock owner = new ReentrantLock(true);
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Condition finished = lock.newCondition();

    // The current job. `claim` packs (generation << 32 | next item) so that a worker that wakes up
    // late for an old job can never take an item of a newer one.
    private final AtomicLong claim = new AtomicLong();
    private final AtomicInteger remaining = new AtomicInteger();
    private volatile Task task;
    private volatile int items;
    private int generation;
    /** {@link #generation} as last published, read without the lock by spinning workers. */
    private volatile int published;

    private volatile boolean closed;
    private volatile Throwable failure;

    Parallel(int threads, String name) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        this.threads = threads;
        this.workers = new Thread[threads - 1];
        for (int w = 1; w < threads; w++) {
            int id = w;
            Thread t = new Thread(() -> work(id), name + "-" + w);
            t.setDaemon(true);
            workers[w - 1] = t;
            t.start();
        }
    }

    int threads() {
        return threads;
    }

    /** Takes the pool for one forward pass; callers queue here in arrival order. */
    void acquire() {
        owner.lock();
    }

    void release() {
        owner.unlock();
    }

    /** Runs items {@code 0 .. count-1} of {@code job} across the pool and returns when all are done. */
    void run(int count, Task job) {
        if (count <= 0) return;
        if (threads == 1 || count == 1) {
            for (int i = 0; i < count; i++) job.run(i, 0);
            return;
        }
        int gen;
        lock.lock();
        try {
            if (closed) throw new IllegalStateException("the model is closed");
            gen = ++generation;
            task = job;
            items = count;
            failure = null;
            remaining.set(count);
            claim.set((long) gen << 32);
            published = gen;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        drain(gen, job, count, 0);
        // the last items are usually a few microseconds from done: spin before parking
        for (long start = System.nanoTime(); remaining.get() > 0 && System.nanoTime() - start < SPIN_NANOS; ) {
            Thread.onSpinWait();
        }
        if (remaining.get() > 0) {
            lock.lock();
            try {
                while (remaining.get() > 0) finished.awaitUninterruptibly();
            } finally {
                lock.unlock();
            }
        }
        Throwable f = failure;
        if (f != null) {
            failure = null;
            if (f instanceof RuntimeException re) throw re;
            if (f instanceof Error e) throw e;
            throw new IllegalStateException(f);
        }
    }

    private void drain(int gen, Task job, int count, int worker) {
        while (true) {
            long c = claim.get();
            int item = (int) c;
            if ((int) (c >>> 32) != gen || item >= count) return;
            if (!claim.compareAndSet(c, c + 1)) continue;
            try {
                if (failure == null) job.run(item, worker);
            } catch (Throwable t) {
                failure = t;
            }
            if (remaining.decrementAndGet() == 0) {
                lock.lock();
                try {
                    finished.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    private void work(int id) {
        int seen = 0;
        while (true) {
            int gen;
            Task job;
            int count;
            // A forward pass hands out its next job within microseconds, and waking a parked thread
            // costs tens of them (more on a busy host): spin a little before parking.
            for (long start = System.nanoTime();
                    published == seen && !closed && System.nanoTime() - start < SPIN_NANOS; ) {
                Thread.onSpinWait();
            }
            lock.lock();
            try {
                while (generation == seen && !closed) wake.awaitUninterruptibly();
                if (closed) return;
                gen = seen = generation;
                job = task;
                count = items;
            } finally {
                lock.unlock();
            }
            drain(gen, job, count, id);
        }
    }

    /** Stops the workers; a job already running completes first. */
    @Override
    public void close() {
        owner.lock();
        try {
            lock.lock();
            try {
                closed = true;
                wake.signalAll();
            } finally {
                lock.unlock();
            }
        } finally {
            owner.unlock();
        }
    }
}
