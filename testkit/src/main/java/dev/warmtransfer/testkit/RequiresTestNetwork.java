package dev.warmtransfer.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test that carries media and so needs the test network namespace ({@code WT_TEST_IP}, set by
 * {@code scripts/testnet.sh exec}). Skipped without it on a developer's machine; under {@code CI=true}
 * it fails instead, so CI can never pass by skipping media tests.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(TestNetworkCondition.class)
public @interface RequiresTestNetwork {}
