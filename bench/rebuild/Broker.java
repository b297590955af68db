import io.bookpay.testsupport.InJvmKafka;

/**
 * A single-node KRaft broker in a JVM of its own, the tests' broker, for benchmarks of the
 * packaged jar (which brings no broker). Data in a temporary directory, gone on exit.
 *
 * <pre>java -cp TEST_CLASSPATH Broker.java PORT</pre>
 */
public final class Broker {

  public static void main(String[] args) throws Exception {
    InJvmKafka kafka = InJvmKafka.start(Integer.parseInt(args[0]), null);
    Runtime.getRuntime().addShutdownHook(new Thread(kafka::close));
    System.out.println("broker ready at " + kafka.bootstrapServers());
    Thread.currentThread().join();
  }
}
