package io.bookpay;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Bookpay: booking and payments for appointment businesses. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BookpayApplication {

  public static void main(String[] args) {
    SpringApplication.run(BookpayApplication.class, args);
  }
}
