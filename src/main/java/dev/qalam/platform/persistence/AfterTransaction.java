package dev.qalam.platform.persistence;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Runs work once the current JTA transaction has ended, for what must not happen before the data it
 * describes is visible to others: a progress event (a client reading the job right after must see the page),
 * a cache eviction (a request racing the commit must not cache the old row again). Without an active
 * transaction the work runs at once.
 */
@ApplicationScoped
public class AfterTransaction {

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** Runs {@code work} after the current transaction commits; never when it rolls back. */
    public void onCommit(Runnable work) {
        register(work, true);
    }

    /** Runs {@code work} after the current transaction ends, committed or not. */
    public void onCompletion(Runnable work) {
        register(work, false);
    }

    private void register(Runnable work, boolean commitOnly) {
        if (transactions == null || transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            work.run();
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (!commitOnly || status == Status.STATUS_COMMITTED) {
                    work.run();
                }
            }
        });
    }
}
