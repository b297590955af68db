package io.bookpay;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Bookpay: booking and payments for appointment businesses. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BookpayApplication {

  /** Serves; {@code seed --demo} seeds a demo clinic and exits instead (see {@link io.bookpay.demo.SeedCommand}). */
  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("seed")) {
      io.bookpay.demo.SeedCommand.main(args);
      return;
    }
    SpringApplication.run(BookpayApplication.class, args);
  }
}
