package dev.ballast.service;

import dev.ballast.executor.Sleeper;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;

/**
 * A sleeper that a test can hold shut: while held, the executor's next look at a running step
 * waits, so the test can act in the middle of a step (cancel the plan, say) and then let it go on.
 */
public final class Gate implements Sleeper {

    private final Sleeper inner;
    private volatile CountDownLatch open = new CountDownLatch(0);
    private final CountDownLatch reached = new CountDownLatch(1);

    public Gate(Sleeper inner) {
        this.inner = inner;
    }

    public void hold() {
        open = new CountDownLatch(1);
    }

    public void release() {
        open.countDown();
    }

    /** Waits, a bounded time, until a run has come up against the held gate; false when none did. */
    public boolean awaitReached(Duration timeout) throws InterruptedException {
        return reached.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private void pass() throws InterruptedException {
        CountDownLatch latch = open;
        if (latch.getCount() > 0) {
            reached.countDown();
        }
        latch.await();
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        pass();
        inner.sleep(duration);
    }

    @Override
    public void await(Future<?> task, Duration duration) throws InterruptedException {
        pass();
        inner.await(task, duration);
    }
}
