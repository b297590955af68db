package io.bookpay.testsupport;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import reactor.blockhound.BlockHound;

/**
 * Installs BlockHound once per test JVM, before any test: a blocking call on a Netty or Reactor
 * non-blocking thread then throws, failing the request and the test that made it.
 */
public class BlockHoundInstaller implements LauncherSessionListener {

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    BlockHound.builder()
        // Class loading and logging may touch files the first time; not request-path I/O.
        .allowBlockingCallsInside("java.lang.ClassLoader", "loadClass")
        .allowBlockingCallsInside("ch.qos.logback.core.OutputStreamAppender", "writeBytes")
        .install();
  }
}
