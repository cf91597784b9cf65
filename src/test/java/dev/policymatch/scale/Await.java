package dev.policymatch.scale;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polling for a condition of a run, failing at once when the operator process it waits for has died. */
final class Await {

    private Await() {
    }

    /** Polls every 50 ms; {@code operator} may be null when no operator is involved. */
    static void until(Duration atMost, OperatorProcess operator, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            if (operator != null && !operator.isAlive()) {
                throw new IllegalStateException("the operator process exited; see " + operator.log());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not converged within " + atMost);
            }
            Thread.sleep(50);
        }
    }
}
