package dev.qalam.platform.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Runs work in a JTA transaction of its own when the caller has none (and in the caller's otherwise), for beans
 * that cannot put {@code @Transactional} on a method of their own: a call from a bean to itself bypasses the
 * container's interceptors.
 */
@ApplicationScoped
public class Transactions {

    @Transactional
    public void run(Runnable work) {
        work.run();
    }
}
