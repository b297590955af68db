/**
 * Seeds a demo clinic with a month of activity through the application's own services, on a clock
 * it moves through the past: {@code java -jar bookpay-app.jar seed --demo} and the local run.
 */
package io.bookpay.demo;
