package io.bookpay.testsupport;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;
import reactor.blockhound.BlockHound;

/**
 * Installs BlockHound once per test JVM, before any test: a blocking call on a Netty or Reactor
 * non-blocking thread then throws, failing the request and the test that made it.
 */
public class BlockHoundInstaller implements TestExecutionListener {

  private static volatile boolean installed;

  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    install();
  }

  static synchronized void install() {
    if (installed) {
      return;
    }
    // install(...) also loads the integrations on the classpath (Reactor's and Netty's), which mark
    // their threads non-blocking; BlockHound.builder() alone would not.
    BlockHound.install(builder -> builder
        // Class loading and logging may touch files the first time; not request-path I/O.
        .allowBlockingCallsInside("java.lang.ClassLoader", "loadClass")
        .allowBlockingCallsInside("ch.qos.logback.core.OutputStreamAppender", "writeBytes")
        // Jackson builds each type's (de)serializer once, under a lock; concurrent first requests
        // for one type wait microseconds for the first. Not I/O, and not repeated.
        .allowBlockingCallsInside("tools.jackson.databind.deser.DeserializerCache", "_createAndCacheValueDeserializer")
        .allowBlockingCallsInside("tools.jackson.databind.ser.SerializerCache", "addAndResolveNonTypedSerializer")
        // Netty's adaptive buffer allocator takes a short lock when it grows under contention.
        .allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "tryExpandMagazines")
        // The tests' HTTP client seeds a SecureRandom for a multipart boundary when it uploads a
        // document. Bookpay itself never writes multipart bodies.
        .allowBlockingCallsInside("org.springframework.util.MimeTypeUtils", "generateMultipartBoundary"));
    installed = true;
  }
}
